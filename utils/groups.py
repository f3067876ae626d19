"""The add-on's roles, by the XML ids of their groups (security/union_relief_security.xml),
as the workflow tables and the access checks name them."""

OFFICER = "union_relief.group_union_officer"
CENTRE = "union_relief.group_relief_centre_officer"
MANAGER = "union_relief.group_relief_manager"
ACCOUNTANT = "union_relief.group_union_accountant"
AUDITOR = "union_relief.group_union_auditor"
