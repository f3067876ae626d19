import { registry } from "@web/core/registry";

import { currentState, inChinese, openMenu, openUnionMenu } from "./union_role_tour_utils";

// The union officer 陈卫东 records a grant from Relief > Grants > New and submits
// a hardship file (issue 17).
registry.category("web_tour.tours").add("union_role_officer_tour", {
    url: "/odoo",
    steps: () => [
        inChinese(),
        ...openUnionMenu("union_relief_menu_relief", "union_relief_grant_menu"),
        {
            content: "Record a new grant",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Open the programme dropdown",
            trigger: ".o_field_widget[name=programme_id] input",
            run: "click",
        },
        {
            content: "The open programmes are offered: choose the living allowance",
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(困难职工生活救助)",
            run: "click",
        },
        {
            content: "Find the hardship file by the worker's name",
            trigger: ".o_field_widget[name=file_id] input",
            run: "edit 肖军",
        },
        {
            content: "The worker's file is offered, and no new file",
            trigger: ".o-autocomplete--dropdown-menu:not(:has(.o_m2o_dropdown_option_create, .o_m2o_dropdown_option_create_edit)) .dropdown-item:contains(肖军)",
            run: "click",
        },
        {
            content: "The payee follows the file",
            trigger: ".o_field_widget[name=partner_id]:contains(肖军)",
        },
        {
            content: "Save the grant",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit it for approval",
            trigger: ".o_form_saved button[name=action_submit]",
            run: "click",
        },
        currentState("submitted"),
        ...openMenu("union_relief_menu_hardship", "union_hardship_file_menu"),
        {
            content: "Open the draft file of 游览缺项职工",
            trigger: ".o_list_view .o_data_row:contains(游览缺项职工) .o_data_cell",
            run: "click",
        },
        currentState("draft"),
        {
            content: "The form lists what the file still needs, as a checklist",
            trigger: ".o_form_view div[name=submit_missing] li:nth-child(3)",
        },
        {
            content: "Submit the file anyway",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "One message lists every missing item at once",
            trigger: ".modal .modal-body:contains(游览缺项职工)",
            run() {
                const items = this.anchor.textContent.match(/•/g) || [];
                if (items.length < 3) {
                    throw new Error(`The message lists ${items.length} missing item(s), not all of them.`);
                }
            },
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        currentState("draft"),
    ],
});
