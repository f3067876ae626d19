{
    "name": "Union Relief",
    "summary": "Trade union relief work: hardship files, relief, donations, "
    "collective contracts and union funds",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Union Relief",
    "author": "union_relief developers",
    "website": "https://github.com/union-relief/union_relief",
    "license": "LGPL-3",
    "depends": ["hr", "account", "mail"],
    "external_dependencies": {"python": ["python-stdnum"]},
    "data": [
        "security/union_relief_security.xml",
        "security/ir.model.access.csv",
        "security/union_relief_rules.xml",
        "views/union_organization_views.xml",
        "views/union_relief_menus.xml",
    ],
    "demo": [
        "demo/union_organization_demo.xml",
    ],
    "assets": {},
    "application": True,
    "installable": True,
}
