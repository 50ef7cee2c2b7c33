"""DashDish's store: `menus` (the restaurants and menus of `data/restaurants.json`, read
once, and their search) and `orders` (a session's state: the live cart, the checkout
choices and the placed orders, with the rules that change them)."""
