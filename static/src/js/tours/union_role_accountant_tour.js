import { registry } from "@web/core/registry";

import { currentState, inChinese, openListRecord, openMenu, openUnionMenu } from "./union_role_tour_utils";

// The union accountant 吴丽华 pays an approved batch run, opens its journal entry
// and the programme's fund statement (issue 17).
registry.category("web_tour.tours").add("union_role_accountant_tour", {
    url: "/odoo",
    steps: () => [
        inChinese(),
        ...openUnionMenu("union_relief_menu_relief", "union_relief_batch_menu"),
        {
            content: "Open the approved Spring Festival run",
            trigger: ".o_list_view .o_data_row:contains(春节送温暖) .o_data_cell",
            run: "click",
        },
        currentState("approved"),
        {
            content: "Pay the whole run",
            trigger: ".o_form_view button[name=action_pay]",
            run: "click",
        },
        currentState("paid"),
        {
            content: "Open the run's journal entry",
            trigger: ".o_form_view button[name=action_view_move]",
            run: "click",
        },
        {
            content: "The entry is posted",
            trigger: ".o_form_view .o_statusbar_status button[data-value=posted].o_arrow_button_current",
        },
        {
            trigger: ".o_form_view div[name=line_ids] .o_data_row",
        },
        ...openMenu("union_relief_menu_relief", "union_relief_programme_menu"),
        openListRecord("春节送温暖"),
        {
            content: "Open its fund statement",
            trigger: ".o_form_view button[name=action_view_fund_statement]",
            run: "click",
        },
        {
            content: "The statement shows the posted items, by account",
            trigger: ".o_list_view .o_group_header",
        },
    ],
});
