import { session } from "@web/session";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * Steps shared by the tours of the demo roles (issue 17): each role works in
 * Chinese and finds its screens through the menus, by xml id.
 */

export function inChinese() {
    return {
        content: "The user works in Chinese",
        trigger: "body",
        run() {
            // the language of the session, in the web client as on the portal
            const lang = session.bundle_params?.lang;
            if (lang !== "zh_CN") {
                throw new Error(`The tour runs in ${lang}, not in Chinese.`);
            }
        },
    };
}

/** Open Union Relief, then a top menu and one of its entries. */
export function openUnionMenu(section, entry) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Union Relief",
            trigger: ".o_app[data-menu-xmlid='union_relief.union_relief_menu_root']",
            run: "click",
        },
        ...openMenu(section, entry),
    ];
}

/** Open a top menu of the current app, then one of its entries. */
export function openMenu(section, entry) {
    return [
        {
            content: `Open the menu ${section}`,
            trigger: `.o_main_navbar [data-menu-xmlid='union_relief.${section}']`,
            run: "click",
        },
        {
            content: `Open ${entry}`,
            trigger: `.o-dropdown--menu [data-menu-xmlid='union_relief.${entry}']`,
            run: "click",
        },
    ];
}

/** The statusbar of the form shows ``state`` as the current step. */
export function currentState(state) {
    return {
        content: `The record is in state ${state}`,
        trigger: `.o_form_view .o_statusbar_status button[data-value=${state}].o_arrow_button_current`,
    };
}

/**
 * Open the record of the list view whose row contains ``text``, by a click on
 * its ``cell`` column, as the user does.
 *
 * A list reached from a menu may be loaded once more right after it shows (the
 * menu's action and the URL it pushes): a click in between is dropped with the
 * first load, and the user, seeing nothing open, clicks again. So does the tour,
 * until a form view is on screen (at most three clicks, then the next step
 * fails as it would have).
 */
export function openListRecord(text, cell = "name") {
    const selector = `.o_list_view .o_data_row:contains(${text}) .o_data_cell[name=${cell}]`;
    return {
        content: `Open the record ${text} of the list`,
        trigger: selector,
        async run(helpers) {
            for (let attempt = 0; attempt < 3; attempt++) {
                const target = [
                    ...document.querySelectorAll(
                        `.o_list_view .o_data_row .o_data_cell[name=${cell}]`
                    ),
                ].find((element) => element.closest(".o_data_row").textContent.includes(text));
                if (!target) {
                    return;
                }
                await helpers.click(target);
                for (let wait = 0; wait < 30; wait++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                    if (document.querySelector(".o_action_manager .o_form_view")) {
                        return;
                    }
                }
            }
        },
    };
}
