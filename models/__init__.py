from . import union_organization
from . import res_users
from . import hr_employee
