import { registry } from "@web/core/registry";

import { inChinese, openListRecord, openMenu, openUnionMenu } from "./union_role_tour_utils";

// The relief manager 周建国 changes the settings, sets a programme's payment
// journal and maintains a union organisation (issue 17).
registry.category("web_tour.tours").add("union_role_manager_tour", {
    url: "/odoo",
    steps: () => [
        inChinese(),
        ...openUnionMenu("union_relief_menu_config", "union_relief_settings_menu"),
        {
            content: "A public notice runs seven days",
            trigger: ".o_form_view .o_field_widget[name=notice_days] input",
            run: "edit 7",
        },
        {
            content: "Save the settings",
            trigger: ".o_form_view button[name=action_save]",
            run: "click",
        },
        {
            content: "The settings are saved",
            trigger: ".o_notification:has(.o_notification_bar.bg-success)",
        },
        ...openMenu("union_relief_menu_relief", "union_relief_programme_menu"),
        openListRecord("春节送温暖"),
        {
            content: "Open its accounting",
            trigger: ".o_form_view .o_notebook_headers a[name=accounting]",
            run: "click",
        },
        {
            content: "Choose the bank journal that pays the grants",
            trigger: ".o_form_view .o_field_widget[name=payment_journal_id] input",
            run: "edit 游览测试银行",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(游览测试银行)",
            run: "click",
        },
        {
            content: "Save the programme",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        ...openMenu("union_relief_menu_organizations", "union_organization_menu"),
        {
            content: "Open the marketing branch",
            trigger: ".o_list_view .o_data_row:contains(营销服务站分会) .o_data_cell",
            run: "click",
        },
        {
            content: "Its members are counted",
            trigger: ".o_form_view button[name=action_view_members] .o_stat_value",
        },
        {
            content: "A new chair",
            trigger: ".o_form_view .o_field_widget[name=chair_id] input",
            run: "edit 游览测试主席",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(游览测试主席)",
            run: "click",
        },
        {
            content: "A new officer",
            trigger: ".o_form_view .o_field_widget[name=officer_ids] input",
            run: "edit 陈卫东",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(陈卫东)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=officer_ids] .o_tag:contains(陈卫东)",
        },
        {
            content: "Save the organisation",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
