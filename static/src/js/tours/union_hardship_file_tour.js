import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("union_hardship_file_tour", {
    url: "/odoo/action-union_relief.union_hardship_file_action",
    steps: () => [
        {
            content: "Open a new hardship file",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the worker",
            trigger: ".o_field_widget[name=employee_id] input",
            run: "edit 游览测试职工",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(游览测试职工)",
            run: "click",
        },
        {
            content: "Enter the resident ID number",
            trigger: ".o_field_widget[name=identification_number] input",
            run: "edit 110101198001010010",
        },
        {
            content: "Open the income page",
            trigger: ".o_notebook .nav-link[name=assessment]",
            run: "click",
        },
        {
            content: "Enter the household income",
            trigger: ".o_field_widget[name=annual_income] input",
            run: "edit 12000",
        },
        {
            trigger: ".o_field_widget[name=household_size] input",
            run: "edit 2",
        },
        {
            content: "Choose the main cause",
            trigger: ".o_field_widget[name=main_cause_id] input",
            run: "edit Low",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Low income)",
            run: "click",
        },
        {
            content: "The rules suggest deep hardship",
            trigger: ".o_field_widget[name=suggested_category]:contains(Deep hardship)",
        },
        {
            content: "File it as deep hardship",
            trigger: ".o_field_widget[name=category] select",
            run: 'select "deep"',
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit the file",
            trigger: ".o_form_saved button[name=action_submit]",
            run: "click",
        },
        {
            content: "The file is submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
    ],
});
