import { registry } from "@web/core/registry";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("union_relief_batch_tour", {
    url: "/odoo/action-union_relief.union_relief_batch_wizard_action",
    steps: () => [
        {
            content: "Choose the programme",
            trigger: ".modal .o_field_widget[name=programme_id] input",
            run: "edit 游览测试生活救助",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(游览测试生活救助)",
            run: "click",
        },
        {
            content: "Run it for this month",
            trigger: ".modal .o_field_widget[name=period] input",
            run: `edit ${DateTime.now().toFormat("yyyy-MM")}`,
        },
        {
            content: "Only the households of the test union",
            trigger: ".modal .o_field_widget[name=organization_ids] input",
            run: "edit 测试供电局工会",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(测试供电局工会)",
            run: "click",
        },
        {
            content: "Ask for the preview (a change of the selection only clears it)",
            trigger: ".modal footer button[name=action_preview]",
            run: "click",
        },
        {
            content: "The preview counts the households",
            trigger: ".modal .o_field_widget[name=planned_count]:contains(3)",
        },
        {
            content: "The preview shows the total",
            trigger: ".modal .o_field_widget[name=planned_total]:contains(1,200.00)",
        },
        {
            content: "Create the grants",
            trigger: ".modal footer button[name=action_create_grants]",
            run: "click",
        },
        {
            content: "The batch run holds the three grants",
            trigger: ".o_form_view .o_field_widget[name=grant_count]:contains(3)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=total_amount]:contains(1,200.00)",
        },
        {
            content: "The run starts as a draft",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
    ],
});
