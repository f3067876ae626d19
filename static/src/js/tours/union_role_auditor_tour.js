import { registry } from "@web/core/registry";

import { inChinese, openUnionMenu } from "./union_role_tour_utils";

// Every step of a hardship file's workflow: the auditor is offered none.
const FILE_ACTIONS = [
    "action_submit",
    "action_visit_done",
    "action_centre_check",
    "action_start_notice",
    "action_file",
    "action_return_to_draft",
    "action_close",
    "action_view_visits",
]
    .map((name) => `button[name=${name}]`)
    .join(", ");

// The union auditor 郑浩 reads a hardship file and takes no step (issue 17).
registry.category("web_tour.tours").add("union_role_auditor_tour", {
    url: "/odoo",
    steps: () => [
        inChinese(),
        ...openUnionMenu("union_relief_menu_hardship", "union_hardship_file_menu"),
        {
            content: "The auditor creates no file",
            trigger: ".o_list_view:not(:has(.o_list_button_add))",
        },
        {
            content: "Open the file of 肖军",
            trigger: ".o_list_view .o_data_row:contains(肖军) .o_data_cell",
            run: "click",
        },
        {
            content: "The filed file of 肖军 is loaded",
            trigger: ".o_form_view:has(.o_field_widget[name=employee_id]:contains(肖军)) .o_statusbar_status button[data-value=filed].o_arrow_button_current",
        },
        {
            content: "It is read-only and offers no step of its workflow",
            trigger: `.o_form_view .o_form_renderer.o_form_readonly:not(:has(${FILE_ACTIONS}))`,
        },
        {
            content: "No action button at all, no sensitive page and no new file",
            trigger: ".o_form_view:not(:has(.o_statusbar_buttons button, .o_notebook_headers a[name=personal], .o_form_button_create))",
        },
    ],
});
