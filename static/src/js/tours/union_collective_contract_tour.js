import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function representativeSteps(row, side, name, isChief) {
    const selectedRow = `div[name=representative_ids] .o_data_row:nth-child(${row}).o_selected_row`;
    const steps = [
        {
            content: "Add a representative",
            trigger: "div[name=representative_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: `Side: ${side}`,
            trigger: `${selectedRow} .o_field_widget[name=side] select`,
            run: `selectByLabel ${side}`,
        },
        {
            content: `Name: ${name}`,
            trigger: `${selectedRow} .o_field_widget[name=name] input`,
            run: `edit ${name}`,
        },
    ];
    if (isChief) {
        steps.push({
            content: "Chief representative",
            trigger: `${selectedRow} .o_field_widget[name=is_chief] input`,
            run: "click",
        });
    }
    return steps;
}

registry.category("web_tour.tours").add("union_collective_contract_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Union Relief",
            trigger: ".o_app[data-menu-xmlid='union_relief.union_relief_menu_root']",
            run: "click",
        },
        {
            content: "Open the collective contracts menu",
            trigger: ".o_main_navbar [data-menu-xmlid='union_relief.union_relief_menu_contracts']",
            run: "click",
        },
        {
            content: "Open the contracts",
            trigger: "[data-menu-xmlid='union_relief.union_collective_contract_menu']",
            run: "click",
        },
        {
            content: "Create a contract",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour collective contract",
        },
        {
            trigger: ".o_field_widget[name=organization_id] input",
            run: "edit Tour Grassroots",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(Tour Grassroots Union)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=workers_covered] input",
            run: "edit 320",
        },
        {
            content: "The term starts on 1 January 2025",
            trigger: ".o_field_widget[name=date_start] input",
            run: "edit 01/01/2025 && press Enter",
        },
        {
            content: "A three-year term is proposed",
            trigger: ".o_field_widget[name=date_end] input:value(12/31/2027)",
        },
        ...representativeSteps(1, "Union", "Union chief", true),
        ...representativeSteps(2, "Union", "Union representative 2", false),
        ...representativeSteps(3, "Union", "Union representative 3", false),
        ...representativeSteps(4, "Employer", "Employer chief", true),
        ...representativeSteps(5, "Employer", "Employer representative 2", false),
        ...representativeSteps(6, "Employer", "Employer representative 3", false),
        {
            content: "Save the contract with its representatives",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Six representatives are saved",
            trigger: ".o_form_saved div[name=representative_ids] .o_data_row:nth-child(6)",
        },
        {
            content: "Start the negotiation",
            trigger: ".o_form_view button[name=action_start_negotiation]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button[data-value=negotiating].o_arrow_button_current",
        },
        {
            content: "Open the workers' congress tab",
            trigger: ".o_notebook_headers a[name=congress]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=congress_date] input",
            run: "edit 02/10/2025 && press Enter",
        },
        {
            trigger: ".o_field_widget[name=congress_total] input",
            run: "edit 60",
        },
        {
            content: "Too few representatives present",
            trigger: ".o_field_widget[name=congress_present] input",
            run: "edit 39",
        },
        {
            trigger: ".o_field_widget[name=congress_in_favour] input",
            run: "edit 35",
        },
        {
            content: "The form says why the vote does not pass",
            trigger: ".alert-danger:contains(two thirds (40))",
        },
        {
            trigger: ".o_field_widget[name=congress_present] input",
            run: "edit 45",
        },
        {
            trigger: ".o_field_widget[name=congress_in_favour] input",
            run: "edit 40",
        },
        {
            trigger: ".alert-success:contains(Passed)",
        },
        {
            content: "Record the approval of the workers' congress",
            trigger: ".o_form_view button[name=action_approve_by_congress]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button[data-value=approved].o_arrow_button_current",
        },
        {
            content: "Sign the contract today",
            trigger: ".o_form_view button[name=action_sign]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button[data-value=signed].o_arrow_button_current",
        },
        {
            content: "Open the signing and filing tab",
            trigger: ".o_notebook_headers a[name=filing]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=labour_authority_id] input",
            run: "edit Tour Labour",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(Tour Labour Bureau)",
            run: "click",
        },
        {
            content: "Record the filing with the labour authority",
            trigger: ".o_form_view button[name=action_file]",
            run: "click",
        },
        {
            content: "The contract is filed",
            trigger: ".o_statusbar_status button[data-value=filed].o_arrow_button_current",
        },
    ],
});
