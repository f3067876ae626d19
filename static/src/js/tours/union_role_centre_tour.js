import { registry } from "@web/core/registry";

import { currentState, inChinese, openUnionMenu } from "./union_role_tour_utils";

// The relief centre officer 林秀英 checks a visited hardship file, starts its
// public notice and prints the notice (issue 17).
registry.category("web_tour.tours").add("union_role_centre_tour", {
    url: "/odoo",
    steps: () => [
        inChinese(),
        ...openUnionMenu("union_relief_menu_hardship", "union_hardship_file_menu"),
        {
            content: "Open the visited file of 余海波",
            trigger: ".o_list_view .o_data_row:contains(余海波) .o_data_cell",
            run: "click",
        },
        currentState("visited"),
        {
            content: "Check the file",
            trigger: ".o_form_view button[name=action_centre_check]",
            run: "click",
        },
        currentState("checked"),
        {
            content: "Start its public notice",
            trigger: ".o_form_view button[name=action_start_notice]",
            run: "click",
        },
        currentState("notice"),
        {
            content: "Open the public notice page",
            trigger: ".o_form_view .o_notebook_headers a[name=notice]",
            run: "click",
        },
        {
            content: "The notice period is set",
            trigger: ".o_form_view .o_field_widget[name=notice_end_date] span:not(:empty)",
        },
        {
            content: "Print the public notice of the file (the only report button of the form)",
            trigger: ".o_form_view .o_statusbar_buttons button[type=action]",
            run: "click",
        },
        {
            content: "The notice shows the household by masked name, with its unit",
            trigger: ".o_action iframe:iframe .page tbody tr:contains(配电运检站分会):not(:contains(余海波))",
        },
    ],
});
