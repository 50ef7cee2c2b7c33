"""DashDish: an offline replica of REAL's DoorDash-like site."""
