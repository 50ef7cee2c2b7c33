"""Write `data/products.json`, the Omnizon replica's catalog (deterministic).

Run `python -m halo_cli.sites.omnizon.build_products` after editing the tables below.
A few products keep the ids REAL's eval scripts name (PS5 controller 16, apron 91, sports
balls pack 114, 40 inch desk 159, neck pillows 167/170, gaming devices 192/193, cooking
pots 212/215); every other product takes the next free id in table order.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

OUT = Path(__file__).parent / "data" / "products.json"

CATEGORIES = [
    ("electronics", "Electronics"),
    ("video-games", "Video Games"),
    ("kitchen", "Kitchen & Dining"),
    ("furniture", "Furniture"),
    ("bedding", "Bedding & Bath"),
    ("sports", "Sports & Outdoors"),
    ("travel", "Travel & Luggage"),
    ("garden", "Patio, Lawn & Garden"),
    ("beauty", "Beauty & Personal Care"),
    ("toys", "Toys & Games"),
    ("office", "Office Products"),
    ("pets", "Pet Supplies"),
    ("clothing", "Clothing & Shoes"),
]

# subcategory -> (category, search tags, description, features)
SUBCATS: dict[str, tuple[str, str, str, list[str]]] = {
    "headphones": ("electronics", "headphones headphone headset audio over-ear on-ear",
                   "Full-size headphones tuned for clear highs and punchy bass, with soft "
                   "cushioned ear cups for long listening sessions.",
                   ["Cushioned ear cups and adjustable headband", "Foldable design",
                    "1-year limited warranty"]),
    "earbuds": ("electronics", "earbuds earbud earphones in-ear audio",
                "Compact in-ear earbuds with a secure fit, clear calls and a pocket-size "
                "charging case.",
                ["Three sizes of silicone ear tips", "Built-in microphone",
                 "Sweat resistant"]),
    "speakers": ("electronics", "speaker speakers audio bluetooth",
                 "Room-filling sound in a compact body, with Bluetooth pairing and "
                 "easy-to-reach controls.",
                 ["Bluetooth 5.3", "Rechargeable battery or AC power", "Built-in controls"]),
    "keyboards": ("electronics", "keyboard keyboards typing computer accessories",
                  "A dependable keyboard with a comfortable typing feel for work and play.",
                  ["Full key travel", "Works with Windows and macOS", "Spill resistant"]),
    "mice": ("electronics", "mouse mice computer accessories",
             "A precise, comfortable mouse that glides smoothly on most surfaces.",
             ["Adjustable DPI", "Plug-and-play receiver", "Long battery life"]),
    "electronics": ("electronics", "electronics accessories",
                    "Everyday electronics built to last, backed by a 1-year warranty.",
                    ["Compact design", "Easy setup", "1-year warranty"]),
    "controllers": ("video-games", "controller controllers gamepad gaming game",
                    "A responsive wireless controller with precise sticks, tactile triggers "
                    "and a rechargeable battery.",
                    ["Wireless and USB-C wired play", "Rechargeable battery",
                     "Built-in headset jack"]),
    "gaming": ("video-games", "gaming game gamer video games",
               "Level up your setup with gear made for long gaming sessions.",
               ["Designed for gamers", "Durable build", "1-year warranty"]),
    "consoles": ("video-games", "console consoles gaming game video games",
                 "A home video game console with fast load times and a growing library of "
                 "games.",
                 ["Includes one controller", "HDMI cable included", "4K output"]),
    "cookware": ("kitchen", "cookware cooking kitchen",
                 "Durable cookware that heats evenly and cleans up easily.",
                 ["Even heat distribution", "Oven safe to 450°F", "Dishwasher safe"]),
    "pots": ("kitchen", "pot pots cooking cookware kitchen soup stew pasta",
             "A roomy cooking pot for soups, stews, pasta and party-size batches.",
             ["Tight-fitting lid", "Works on gas, electric and induction",
              "Stay-cool handles"]),
    "aprons": ("kitchen", "apron aprons cooking kitchen chef bbq baking",
               "A sturdy kitchen apron that keeps splashes and flour off your clothes.",
               ["Adjustable neck strap", "Long waist ties", "Machine washable"]),
    "silverware": ("kitchen", "silverware flatware cutlery spoons forks knives dining",
                   "Mirror-polished stainless steel flatware for everyday meals and "
                   "dinner parties.",
                   ["18/10 stainless steel", "Dishwasher safe", "Rust resistant"]),
    "kitchen": ("kitchen", "kitchen dining",
                "A kitchen essential that makes everyday cooking and serving easier.",
                ["Easy to clean", "Durable materials", "Great gift idea"]),
    "desks": ("furniture", "desk desks table office furniture computer",
              "A sturdy desk with a spacious work surface for your computer, books and "
              "more.",
              ["Easy assembly with included tools", "Adjustable leveling feet",
               "Scratch-resistant top"]),
    "chairs": ("furniture", "chair chairs office seating furniture",
               "A supportive office chair with smooth-rolling casters and adjustable "
               "height.",
               ["Adjustable seat height", "360° swivel", "Supports up to 275 lbs"]),
    "bedframes": ("furniture", "bed frame frames bedframe bedroom furniture",
                  "A sturdy bed frame with strong slat support, no box spring needed.",
                  ["No box spring needed", "Under-bed storage space", "Noise-free design"]),
    "furniture": ("furniture", "furniture home decor",
                  "Practical furniture that fits neatly into any room.",
                  ["Easy assembly", "Sturdy construction", "Modern design"]),
    "neckpillows": ("bedding", "pillow pillows neck travel support pain",
                    "A contoured neck pillow that cradles your head and neck to ease "
                    "stiffness and support restful sleep.",
                    ["Memory foam core", "Removable, washable cover", "Ergonomic contour"]),
    "pillows": ("bedding", "pillow pillows bedding sleep",
                "A comfortable pillow for restful sleep.",
                ["Hypoallergenic fill", "Machine-washable cover", "Holds its shape"]),
    "bedding": ("bedding", "bedding bath bedroom home",
                "Soft, durable bedding and bath essentials for everyday comfort.",
                ["Machine washable", "Fade resistant", "Soft feel"]),
    "balls": ("sports", "ball balls sports",
              "A durable ball with great grip and bounce for practice and games.",
              ["Official size and weight", "Durable cover", "Indoor and outdoor play"]),
    "fitness": ("sports", "fitness exercise workout gym",
                "Gear for home workouts and gym sessions alike.",
                ["Durable construction", "Compact storage", "Suitable for all levels"]),
    "outdoors": ("sports", "outdoors camping hiking outdoor",
                 "Outdoor gear made for weekends on the trail and at the campsite.",
                 ["Weather resistant", "Lightweight", "Easy to pack"]),
    "travel": ("travel", "travel luggage trip",
               "Travel essentials that make packing and getting there easier.",
               ["Lightweight", "Durable materials", "Travel friendly"]),
    "garden": ("garden", "garden patio lawn outdoor",
               "Garden and patio gear to help your outdoor space thrive.",
               ["Weather resistant", "Easy to use", "Durable build"]),
    "beauty": ("beauty", "beauty personal care",
               "Personal care essentials for your daily routine.",
               ["Dermatologist tested", "Travel friendly", "Easy to use"]),
    "toys": ("toys", "toys games kids",
             "Hours of fun for kids and families.",
             ["Ages 6 and up", "Non-toxic materials", "Great gift"]),
    "office": ("office", "office supplies school",
               "Office supplies that keep your desk organized and productive.",
               ["Reliable quality", "Value pack", "Great for home or office"]),
    "pets": ("pets", "pet pets dog cat",
             "Pet supplies your furry friends will love.",
             ["Pet safe materials", "Easy to clean", "Durable"]),
    "clothing": ("clothing", "clothing apparel fashion",
                 "Comfortable everyday clothing in a classic fit.",
                 ["Machine washable", "Classic fit", "Soft fabric"]),
}

# (subcategory, name, price[, pinned id])
PRODUCTS: list[tuple] = [
    # Electronics: headphones (prices on both sides of $24 and $100)
    ("headphones", "AuraSound Basic Wired Headphones with Mic", 12.99),
    ("headphones", "Kleer Kids Over-Ear Headphones, Volume Limited", 19.99),
    ("headphones", "Bassline Foldable On-Ear Headphones", 23.99),
    ("headphones", "Novatek Studio Monitor Headphones M20", 24.00),
    ("headphones", "AuraSound Wireless Over-Ear Headphones Q10", 34.99),
    ("headphones", "Kleer Bluetooth Over-Ear Headphones, 40H Battery", 49.99),
    ("headphones", "Bassline Active Noise Cancelling Headphones BX5", 59.99),
    ("headphones", "Novatek Pro DJ Headphones HD-300", 79.99),
    ("headphones", "Sonique Comfort Wireless Headphones", 89.99),
    ("headphones", "AuraSound ANC Headphones Q30", 99.99),
    ("headphones", "Kleer Premium Studio Headphones", 100.00),
    ("headphones", "Sonique Noise Cancelling Headphones 700", 129.99),
    ("headphones", "Bassline Elite Wireless Headphones", 199.99),
    ("headphones", "Novatek Audiophile Open-Back Headphones", 249.99),
    # Electronics: earbuds (distractors)
    ("earbuds", "AuraSound True Wireless Earbuds A1", 29.99),
    ("earbuds", "Kleer Sport Wireless Earbuds with Ear Hooks", 39.99),
    ("earbuds", "Bassline Noise Cancelling Earbuds Pro", 79.99),
    ("earbuds", "Sonique Wired Earphones with Microphone", 9.99),
    ("earbuds", "Novatek Bluetooth Earbuds, IPX7 Waterproof", 24.99),
    ("earbuds", "Sonique Buds Live Wireless Earbuds", 119.99),
    # Video games (the PS5 controller keeps id 16)
    ("controllers", "DualSense Wireless Controller for PS5 - White", 69.99, 16),
    ("speakers", "Bassline Portable Bluetooth Speaker Mini", 25.99),
    ("speakers", "Sonique Waterproof Bluetooth Speaker Flip", 89.99),
    ("speakers", "AuraSound Smart Speaker with Voice Assistant", 49.99),
    ("speakers", "Kleer Bookshelf Speakers, Pair", 139.99),
    ("speakers", "Novatek Soundbar 2.1 with Subwoofer", 179.99),
    ("keyboards", "Keyline Wireless Keyboard and Mouse Combo", 29.99),
    ("keyboards", "Keyline Mechanical Keyboard, Blue Switches", 59.99),
    ("keyboards", "Typeforge Compact 60% Mechanical Keyboard", 49.99),
    ("keyboards", "Typeforge Ergonomic Split Keyboard", 109.99),
    ("keyboards", "Keyline Slim Bluetooth Keyboard for Tablets", 22.99),
    ("mice", "Keyline Wireless Mouse, 2.4G Silent", 12.99),
    ("mice", "Typeforge Ergonomic Vertical Mouse", 24.99),
    ("electronics", "Voltix USB-C Charger 65W, 3 Ports", 35.99),
    ("electronics", "Voltix Portable Power Bank 20000mAh", 29.99),
    ("electronics", "Voltix USB-C to Lightning Cable, 6 ft", 11.99),
    ("electronics", "Clearview 27 Inch IPS Monitor, 1440p", 229.99),
    ("electronics", "Clearview 24 Inch Full HD Monitor", 119.99),
    ("electronics", "Streamline 1080p Webcam with Microphone", 39.99),
    ("electronics", "Streamline Smart Plug, 4 Pack", 24.99),
    ("electronics", "Pulsefit Fitness Tracker with Heart Rate Monitor", 49.99),
    ("electronics", "Pulsefit Smartwatch with GPS", 179.99),
    ("electronics", "Pageturn E-Reader, 6 Inch Glare-Free Display", 99.99),
    ("electronics", "Clearview 10 Inch Tablet, 64GB", 139.99),
    ("electronics", "Clearview 55 Inch 4K Smart TV", 379.99),
    ("electronics", "Streamline HD Streaming Stick", 29.99),
    # Video games
    ("consoles", "PlayStation 5 Console - Slim Disc Edition", 499.99),
    ("controllers", "Xbox Wireless Controller - Carbon Black", 59.99),
    ("controllers", "Nintendo Switch Pro Controller", 69.99),
    ("gaming", "Charging Station for PS5 DualSense, Dual Dock", 24.99),
    ("gaming", "Gamerix Wireless Gaming Headset 7.1 Surround", 129.99),
    ("gaming", "Gamerix Mechanical Gaming Keyboard RGB", 89.99),
    ("gaming", "Gamerix Pro Gaming Chair, Ergonomic Racing Style", 189.99),
    ("consoles", "Xbox Series S 512GB Console", 299.99),
    ("consoles", "Nintendo Switch OLED Model", 349.99),
    ("gaming", "Visio VR Headset 128GB", 399.99),
    ("gaming", "Gamerix XL Gaming Mouse Pad", 15.99),
    ("gaming", "Media Remote for PS5", 29.99),
    ("gaming", "PS5 Console Cover Plates - Cobalt Blue", 54.99),
    ("gaming", "Handheld Retro Game Console, 500 Built-in Games", 45.99),
    ("gaming", "Racing Wheel and Pedals for PS5 and PC", 249.99),
    # Kitchen & Dining
    ("cookware", "ChefCraft 10 Inch Nonstick Frying Pan", 24.99),
    ("cookware", "ChefCraft 12 Inch Pre-Seasoned Cast Iron Skillet", 29.99),
    ("kitchen", "Stainless Steel Whistling Tea Kettle, 2.5 Quart", 27.99),
    ("kitchen", "Glass Teapot with Removable Infuser", 19.99),
    ("cookware", "ChefCraft Carbon Steel Wok, 13 Inch", 34.99),
    ("cookware", "HomeChef Nonstick Baking Sheet Set, 3 Pieces", 21.99),
    ("kitchen", "Silicone Oven Mitts, Heat Resistant, 1 Pair", 14.99),
    ("silverware", "20-Piece Silverware Set, Stainless Steel Flatware Service for 4", 29.99),
    ("silverware", "40-Piece Silverware Set for 8, Mirror Finish", 44.99),
    ("silverware", "Gold Flatware Set, 24 Pieces", 59.99),
    ("kitchen", "Bamboo Wooden Spoons for Cooking, Set of 6", 12.99),
    ("kitchen", "Stainless Steel Dinner Forks, 12 Pack", 13.99),
    ("kitchen", "Expandable Bamboo Silverware Drawer Organizer", 24.99),
    ("kitchen", "8-Piece Kitchen Knife Block Set", 49.99),
    ("kitchen", "Silicone Cooking Utensils, 12 Pieces", 25.99),
    ("kitchen", "Electric Kettle, 1.7 Liter", 29.99),
    ("kitchen", "4-Slice Toaster, Stainless Steel", 39.99),
    ("kitchen", "Programmable Coffee Maker, 12 Cup", 49.99),
    ("kitchen", "Personal Blender with Travel Cups", 34.99),
    ("kitchen", "Air Fryer, 5.8 Quart", 89.99),
    ("kitchen", "Porcelain Dinnerware Set, 16 Pieces", 49.99),
    ("kitchen", "Drinking Glasses, Set of 8", 22.99),
    ("kitchen", "Bamboo Cutting Boards, 3 Pack", 19.99),
    ("aprons", "Chef Apron with Pockets, Adjustable Neck Strap - Black", 15.99, 91),
    ("kitchen", "Measuring Cups, Stainless Steel, 6 Pieces", 12.99),
    ("kitchen", "Salad Spinner, 5 Quart", 24.99),
    ("kitchen", "Digital Kitchen Scale", 13.99),
    ("kitchen", "Glass Food Storage Containers, 10 Pack", 36.99),
    # Furniture
    ("desks", "Computer Desk 32 Inch, Compact Study Table", 49.99),
    ("desks", "Computer Desk 48 Inch with Storage Shelves", 89.99),
    ("desks", "L-Shaped Corner Desk 55 Inch", 129.99),
    ("desks", "Electric Standing Desk 48 x 24 Inch", 199.99),
    ("desks", "Gaming Desk 47 Inch with Carbon Fiber Surface", 99.99),
    ("chairs", "Ergonomic Mesh Office Chair with Lumbar Support", 119.99),
    ("chairs", "Executive Leather Office Chair, High Back", 169.99),
    ("chairs", "Armless Office Chair, Low Back Task Chair", 59.99),
    ("chairs", "Drafting Chair, Tall Office Chair with Footrest", 89.99),
    ("chairs", "Big and Tall Office Chair, 400 lbs Capacity", 229.99),
    ("bedframes", "Queen Size Metal Platform Bed Frame with Storage", 139.99),
    ("bedframes", "Queen Size Upholstered Bed Frame with Headboard", 249.99),
    ("bedframes", "Full Size Metal Bed Frame, 14 Inch", 89.99),
    ("bedframes", "King Size Wood Platform Bed Frame", 319.99),
    ("bedframes", "Twin Size Bed Frame for Kids", 79.99),
    ("bedframes", "Queen Size Wood Bed Frame, Farmhouse Style", 189.99),
    ("furniture", "5-Tier Industrial Bookshelf", 69.99),
    ("furniture", "3-Drawer Mobile File Cabinet", 79.99),
    ("furniture", "TV Stand for TVs up to 65 Inch", 119.99),
    ("furniture", "Nightstand with Charging Station", 49.99),
    ("furniture", "4-Tier Shoe Rack", 24.99),
    ("furniture", "LED Floor Lamp, Dimmable", 39.99),
    ("furniture", "Desk Lamp with USB Charging Port", 26.99),
    ("furniture", "Lift Top Coffee Table", 129.99),
    ("balls", "Sports Balls Pack: Soccer Ball, Basketball, Football and Volleyball with Pump",
     49.99, 114),
    ("furniture", "Accent Armchair, Linen Upholstered", 149.99),
    ("furniture", "Wall Mounted Floating Shelves, Set of 3", 29.99),
    # Bedding & Bath
    ("pillows", "Bed Pillows Queen Size, Set of 2", 39.99),
    ("pillows", "Cooling Gel Memory Foam Pillow", 45.99),
    ("pillows", "Full Body Pillow for Adults", 29.99),
    ("pillows", "Lumbar Support Cushion for Office Chair", 32.99),
    ("pillows", "Wedge Pillow for Sleeping", 49.99),
    ("bedding", "Microfiber Sheet Set, Queen, 4 Pieces", 29.99),
    ("bedding", "Down Alternative Comforter, Queen", 49.99),
    ("bedding", "Weighted Blanket, 15 lbs", 59.99),
    ("bedding", "Memory Foam Mattress Topper, 3 Inch, Queen", 89.99),
    ("bedding", "Waterproof Mattress Protector, Queen", 24.99),
    ("bedding", "Cotton Bath Towels, Set of 6", 34.99),
    ("bedding", "Waffle Weave Shower Curtain", 18.99),
    ("bedding", "Non-Slip Memory Foam Bath Mat", 16.99),
    ("bedding", "Blackout Curtains, 2 Panels", 27.99),
    # Sports & Outdoors
    ("balls", "Official Size Basketball, Indoor and Outdoor", 29.99),
    ("balls", "Soccer Ball, Size 5", 19.99),
    ("balls", "Composite Leather Football, Official Size", 24.99),
    ("balls", "Soft Touch Volleyball", 21.99),
    ("balls", "Official League Baseball", 7.99),
    ("fitness", "Yoga Mat, 1/4 Inch Extra Thick", 24.99),
    ("fitness", "Adjustable Dumbbells, 25 lb Pair", 149.99),
    ("fitness", "Resistance Bands, 5 Levels", 15.99),
    ("fitness", "Speed Jump Rope", 9.99),
    ("fitness", "High Density Foam Roller, 18 Inch", 19.99),
    ("fitness", "Cast Iron Kettlebell, 20 lb", 34.99),
    ("outdoors", "Camping Tent for 4 People", 89.99),
    ("outdoors", "3 Season Sleeping Bag", 39.99),
    ("outdoors", "Insulated Water Bottle, 32 oz", 24.99),
    ("outdoors", "Hiking Backpack, 40L", 59.99),
    ("outdoors", "Adult Bike Helmet", 34.99),
    ("outdoors", "Folding Camping Chair", 29.99),
    ("outdoors", "Pickleball Paddle, Graphite", 34.99),
    # Travel & Luggage
    ("travel", "Carry-On Luggage 21 Inch Hardside Spinner", 89.99),
    ("travel", "Checked Luggage 28 Inch Hardside Spinner", 139.99),
    ("travel", "Packing Cubes, Set of 6", 21.99),
    ("travel", "Hanging Travel Toiletry Bag", 17.99),
    ("travel", "TSA Approved Luggage Locks, 2 Pack", 12.99),
    ("travel", "Universal Travel Adapter", 19.99),
    ("travel", "Contoured Sleep Eye Mask", 9.99),
    ("neckpillows", "Memory Foam Travel Neck Pillow with Earplugs and Eye Mask", 24.99, 167),
    ("travel", "Carry-On Travel Backpack, 40L", 49.99),
    ("travel", "Digital Luggage Scale", 10.99),
    ("neckpillows", "Cervical Neck Pillow for Neck Pain Relief, Contour Memory Foam", 39.99,
     170),
    ("travel", "RFID Passport Holder Wallet", 14.99),
    # Patio, Lawn & Garden
    ("garden", "Ceramic Plant Pot with Drainage Hole, 8 Inch", 19.99),
    ("garden", "Self-Watering Planters, 3 Pack", 24.99),
    ("garden", "Expandable Garden Hose, 50 ft", 29.99),
    ("garden", "Bypass Pruning Shears", 15.99),
    ("garden", "Solar Pathway Lights, 8 Pack", 34.99),
    ("garden", "Hanging Bird Feeder", 22.99),
    ("garden", "Galvanized Raised Garden Bed", 59.99),
    ("garden", "Outdoor String Lights, 48 ft", 32.99),
    ("garden", "Garden Kneeler and Seat", 39.99),
    ("garden", "Metal Watering Can, 1 Gallon", 16.99),
    # Beauty & Personal Care
    ("beauty", "Rechargeable Electric Toothbrush", 39.99),
    ("beauty", "Ionic Hair Dryer, 1875W", 34.99),
    ("beauty", "Daily Facial Moisturizer SPF 30", 16.99),
    ("beauty", "Men's Electric Shaver", 59.99),
    ("beauty", "Shampoo and Conditioner Set", 19.99),
    ("beauty", "Makeup Brush Set, 14 Pieces", 12.99),
    ("beauty", "Sunscreen Lotion SPF 50", 11.99),
    ("beauty", "Ceramic Hair Straightener", 29.99),
    # Toys & Games
    ("toys", "Building Blocks Set, 1000 Pieces", 34.99),
    ("toys", "Remote Control Car, 1:16 Scale", 39.99),
    ("toys", "Landscape Jigsaw Puzzle, 1000 Pieces", 14.99),
    ("toys", "Strategy Night Board Game", 29.99),
    ("toys", "Plush Teddy Bear, 16 Inch", 19.99),
    ("toys", "Magnetic Building Tiles, 60 Pieces", 44.99),
    ("toys", "Kids Art Set, 150 Pieces", 24.99),
    ("toys", "Family Card Game", 12.99),
    # Video games: more gaming devices (ids 192 and 193 are gaming devices)
    ("gaming", "Gamerix Wired Gaming Headset with Noise Cancelling Mic", 39.99, 192),
    ("gaming", "Gamerix RGB Gaming Mouse, 12000 DPI", 29.99, 193),
    # Office Products
    ("office", "Ballpoint Pens, 24 Pack", 8.99),
    ("office", "Spiral Notebooks, 5 Pack", 12.99),
    ("office", "Desk Organizer with Drawer", 19.99),
    ("office", "Heavy Duty Stapler", 14.99),
    ("office", "Magnetic Whiteboard, 36 x 24 Inch", 39.99),
    ("office", "8-Sheet Paper Shredder", 49.99),
    ("office", "Printer Paper, 500 Sheets", 9.99),
    ("office", "Monitor Stand Riser with Storage", 27.99),
    ("office", "Adjustable Aluminum Laptop Stand", 29.99),
    ("office", "Label Maker with Tape", 24.99),
    # Pet Supplies
    ("pets", "Orthopedic Dog Bed, Large", 49.99),
    ("pets", "Cat Tree Tower, 52 Inch", 69.99),
    ("pets", "Dog Leash, 6 ft", 12.99),
    ("pets", "Automatic Pet Feeder", 59.99),
    ("pets", "Covered Cat Litter Box", 34.99),
    ("pets", "Dog Chew Toys, 10 Pack", 19.99),
    ("pets", "Pet Grooming Brush", 11.99),
    ("pets", "Fish Tank Starter Kit, 10 Gallon", 64.99),
    # Kitchen: cooking pots keep ids 212 and 215
    ("pots", "ChefCraft 8 Quart Stainless Steel Stock Pot with Lid", 39.99, 212),
    ("pots", "HomeChef 5.5 Quart Enameled Cast Iron Dutch Oven Cooking Pot", 59.99, 215),
    # Clothing & Shoes
    ("clothing", "Men's Crew Neck T-Shirts, 3 Pack", 19.99),
    ("clothing", "Women's Lightweight Running Shoes", 59.99),
    ("clothing", "Unisex Fleece Hoodie", 29.99),
    ("clothing", "Waterproof Rain Jacket", 44.99),
    ("clothing", "Wool Hiking Socks, 6 Pairs", 16.99),
    ("clothing", "Adjustable Baseball Cap", 12.99),
    ("clothing", "Touchscreen Winter Gloves", 14.99),
    ("clothing", "Leather Dress Belt", 17.99),
    ("clothing", "Women's Yoga Leggings", 22.99),
    ("clothing", "Men's Slim Fit Chinos", 34.99),
    # Furniture: the 40 inch desk keeps id 159
    ("desks", "Computer Desk 40 Inch, Small Home Office Writing Desk", 69.99, 159),
]


BRANDS = {b: b for b in (
    "AuraSound", "Kleer", "Bassline", "Novatek", "Sonique", "Keyline", "Typeforge", "Voltix",
    "Clearview", "Streamline", "Pulsefit", "Pageturn", "Gamerix", "Visio", "ChefCraft",
    "HomeChef", "PlayStation", "Xbox", "Nintendo")} | {"DualSense": "PlayStation"}


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def build() -> list[dict]:
    pinned = {int(p[3]) for p in PRODUCTS if len(p) > 3}
    names = [p[1] for p in PRODUCTS]
    assert len(names) == len(set(names)), "product names must be unique"
    free = (i for i in range(1, 10_000) if i not in pinned)
    cat_names = dict(CATEGORIES)
    out = []
    for row in PRODUCTS:
        sub, name, price = row[:3]
        pid = int(row[3]) if len(row) > 3 else next(free)
        cat, tags, desc, features = SUBCATS[sub]
        h = _hash(name)
        rating = round(3.6 + (h % 13) / 10, 1)
        reviews = 40 + (h // 13) % 18_000
        first = name.split()[0]
        brand = BRANDS.get(first, first) if first in BRANDS else "Omnizon Basics"
        out.append({
            "id": str(pid),
            "name": name,
            "brand": brand,
            "category": cat,
            "categoryName": cat_names[cat],
            "subcategory": sub,
            "price": round(float(price), 2),
            "listPrice": round(float(price) * 1.25, 2) if h % 4 == 0 else None,
            "rating": rating,
            "reviewCount": reviews,
            "description": f"{name}. {desc}",
            "features": features,
            "tags": tags.split(),
            "inStock": True,
        })
    out.sort(key=lambda p: int(p["id"]))
    ids = [int(p["id"]) for p in out]
    assert ids == list(range(1, len(ids) + 1)), "ids must run 1..N without gaps"
    return out


def main() -> None:
    products = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"categories": [{"slug": s, "name": n} for s, n in CATEGORIES],
                               "products": products}, indent=1) + "\n")
    print(f"wrote {len(products)} products to {OUT}")


if __name__ == "__main__":
    main()
