from . import union_donation_portal
from . import union_relief_xlsx
