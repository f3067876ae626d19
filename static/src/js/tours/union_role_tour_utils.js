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
