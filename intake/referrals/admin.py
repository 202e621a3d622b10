"""Django admin registrations for the referrals capability."""
