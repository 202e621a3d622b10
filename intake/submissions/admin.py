"""Django admin registrations for the intakes capability."""
