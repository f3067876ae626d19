from . import union_donation_portal
