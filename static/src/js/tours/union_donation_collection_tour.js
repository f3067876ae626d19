import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("union_donation_collection_tour", {
    url: "/odoo/action-union_relief.union_donation_collection_action",
    steps: () => [
        {
            content: "Start a department's collection sheet",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit 游览测试班组捐款",
        },
        {
            content: "Choose the campaign",
            trigger: ".o_field_widget[name=campaign_id] input",
            run: "edit 游览测试捐款",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(游览测试捐款):not(:contains(Create))",
            run: "click",
        },
        {
            content: "Choose the department",
            trigger: ".o_field_widget[name=department_id] input",
            run: "edit 游览测试班组",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(游览测试班组):not(:contains(Create))",
            run: "click",
        },
        {
            content: "Enter the total counted by the collector",
            trigger: ".o_field_widget[name=control_total] input",
            run: "edit 300",
        },
        {
            content: "First line of the sheet",
            trigger: ".o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_data_row:nth-child(1).o_selected_row .o_field_widget[name=employee_id] input",
            run: "edit 游览捐款人甲",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(游览捐款人甲):not(:contains(Create))",
            run: "click",
        },
        {
            trigger: ".o_data_row:nth-child(1).o_selected_row .o_field_widget[name=amount] input",
            run: "edit 200",
        },
        {
            content: "Second line of the sheet",
            trigger: ".o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_data_row:nth-child(2).o_selected_row .o_field_widget[name=employee_id] input",
            run: "edit 游览捐款人乙",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(游览捐款人乙):not(:contains(Create))",
            run: "click",
        },
        {
            trigger: ".o_data_row:nth-child(2).o_selected_row .o_field_widget[name=visibility] select",
            run: 'select "anonymous"',
        },
        {
            trigger: ".o_data_row:nth-child(2).o_selected_row .o_field_widget[name=amount] input",
            run: "edit 100",
        },
        {
            content: "Save the sheet",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The lines match the control total",
            trigger: ".o_field_widget[name=difference]:contains(0.00)",
        },
        {
            content: "Validate: the donations are booked",
            trigger: "button[name=action_validate]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Validated)",
        },
    ],
});
