import { registry } from "@web/core/registry";

import { inChinese } from "./union_role_tour_utils";

// The union member 孙小燕 opens the public account of a donation campaign from
// her portal home (issue 17).
registry.category("web_tour.tours").add("union_role_member_tour", {
    url: "/my",
    steps: () => [
        inChinese(),
        {
            content: "The portal home offers the donation campaigns",
            trigger: ".o_portal_my_home .o_portal_index_card:not(.d-none) a[href='/my/union/campaigns']",
            run: "click",
        },
        {
            content: "Open the campaign for 张建华",
            trigger: ".list-group a.list-group-item:contains(张建华)",
            run: "click",
        },
        {
            content: "The campaign's public account lists its donors",
            trigger: ".o_union_public_account .o_union_public_donors tbody tr",
        },
    ],
});
