"""Zilloft's task templates: home searches with given places and filters
(`halo_cli.sites.templates` says what a template is).

Why searches only: zilloft's v2 eval scripts accept any tour request (eval_zilloft_3,
_9) and any message to an agent (eval_zilloft_5), so every tour or contact end state
passes a v2 script and no such task can be disjoint from the test set; the replica records
nothing else (no saved homes, saved searches or sort order). A search's end state is the
applied search (`search.usersSearchTerm` and `search.filters`), which only eval_zilloft_23
reads, loosely: a Californian place and any price filter of at most $900k pass it (it
takes digits anywhere, a training task id's among them, as bedroom evidence), so no
template asks for such a search.

A place is a city ("Boston, MA"), a metro region ("Bay Area"), a state ("Massachusetts")
or a ZIP code. A judge rebuilds the applied search from `/finish` (the seed's empty search
plus the `initialfinaldiff` changes) and asks: the search term selects exactly the asked
place's homes (any spelling that does: "Boston", "boston, ma"); each asked filter has the
asked value; every other filter is unset (it would hide homes the goal asked to see).
"""

from __future__ import annotations

import copy
import random
from typing import Any

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Step
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict
from halo_cli.sites.zilloft import store

BASE_TASK = "zilloft-23"  # every zilloft task starts from the same seed store

#: a template's parameter -> the store filter it sets
FILTERS = {
    "min_price": "minPrice", "max_price": "maxPrice", "beds": "minBeds", "baths": "minBaths",
    "sqft": "minSqft", "kind": "homeTypes", "types": "homeTypes",
}
KIND_WORDS = {"house": "houses", "condo": "condos", "townhouse": "townhomes"}
TYPE_WORDS = {**KIND_WORDS, "apartment": "apartments", "manufactured": "manufactured homes"}
PRICES = [p * 1000 for p in (300, 400, 500, 600, 700, 750, 800, 900, 1000, 1200, 1500)]
#: eval_zilloft_23 passes a Californian search with a price filter at or under this
V2_PRICE_LINE = 900_000
#: metro regions as a person types them, and as a goal names them
REGIONS = {"Bay Area": "the Bay Area", "Southern California": "Southern California",
           "Los Angeles area": "the LA area", "Orange County": "Orange County",
           "Greater Boston": "Greater Boston"}
STATES = {"California": "CA", "Massachusetts": "MA", "Oregon": "OR"}


def _money(value: int) -> str:
    return f"${value:,}"


def _merge(into: Any, changes: Any) -> None:
    """Apply a deep-object-diff `added`/`updated` subtree (lists keyed by index)."""
    if not isinstance(changes, dict):
        return
    for key, value in changes.items():
        if isinstance(into, list) and str(key).isdigit():
            i = int(key)
            while len(into) <= i:
                into.append(None)
            if isinstance(value, dict) and isinstance(into[i], (dict, list)):
                _merge(into[i], value)
            else:
                into[i] = value
        elif isinstance(into, dict):
            if isinstance(value, dict) and isinstance(into.get(key), (dict, list)):
                _merge(into[key], value)
            else:
                into[key] = value


def applied_search(finish: dict[str, Any]) -> dict[str, Any]:
    """The search as `/finish` shows it was left: `{"usersSearchTerm", "filters"}`."""
    search = copy.deepcopy(store.seed_state()["search"])
    diff = finish.get("initialfinaldiff") or {}
    for part in ("updated", "added"):
        _merge(search, ((diff.get(part) or {}).get("search")) or {})
    return search


def _ids(homes: list[dict[str, Any]]) -> set[str]:
    return {h["id"] for h in homes}


def _term(params: dict[str, Any]) -> str:
    """What the reference types in the search box: the place, or "City, ST"."""
    return params.get("place") or f"{params['city']}, {params['state']}"


def _place_homes(params: dict[str, Any]) -> list[dict[str, Any]]:
    """The homes the goal's place holds (before filters)."""
    if "place" in params:
        return store.search_homes(params["place"], {})
    return [h for h in store.listings().homes if h["address"]["city"] == params["city"]]


def _wanted(params: dict[str, Any]) -> dict[str, Any]:
    """The store filters `params` ask for (the others must be unset)."""
    want: dict[str, Any] = {key: None for key in FILTERS.values()}
    want["homeTypes"] = []
    for param, key in FILTERS.items():
        if param in params:
            value = params[param]
            want[key] = sorted(value) if param == "types" else [value] if param == "kind" else value
    return want


def _results(params: dict[str, Any]) -> list[dict[str, Any]]:
    wanted = _ids(store.search_homes("", _wanted(params)))
    return [h for h in _place_homes(params) if h["id"] in wanted]


def near_v2(params: dict[str, Any]) -> bool:
    """Whether the search could pass eval_zilloft_23: a place with Californian homes and a
    price filter at or under $900k."""
    prices = [params[k] for k in ("min_price", "max_price") if k in params]
    in_ca = any(h["address"]["state"] == "CA" for h in _place_homes(params))
    return in_ca and any(p <= V2_PRICE_LINE for p in prices)


def _prices(homes: list[dict[str, Any]]) -> list[int]:
    """The price choices a goal may name for a place (over the v2 line in California)."""
    if any(h["address"]["state"] == "CA" for h in homes):
        return [p for p in PRICES if p > V2_PRICE_LINE]
    return PRICES


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def what(params: dict[str, Any]) -> str:
    """The homes a goal asks for, in words: "condos or townhomes with 2+ beds under $X"."""
    if "types" in params:
        noun = " or ".join(TYPE_WORDS[t] for t in params["types"])
    else:
        noun = TYPE_WORDS.get(params.get("kind", ""), "homes")
    having = [f"{params['beds']}+ beds" if "beds" in params else "",
              f"{params['baths']}+ baths" if "baths" in params else "",
              f"at least {params['sqft']:,} sq ft" if "sqft" in params else ""]
    having = [h for h in having if h]
    text = noun + (f" with {_and(having)}" if having else "")
    low, high = params.get("min_price"), params.get("max_price")
    if low and high:
        return f"{text} between {_money(low)} and {_money(high)}"
    if high:
        return f"{text} up to {_money(high)}"
    if low:
        return f"{text} priced {_money(low)} or more"
    return text


class SearchTemplate(Template):
    """A search of one place with some filters; subclasses pick the place and filters and
    phrase it. The default place is a city (params `city`, `state`); others set `place`
    (what is typed) and `where` (how the goal names it)."""

    site = "zilloft"
    base_task = BASE_TASK
    PHRASES: tuple[str, ...] = ()

    def where(self, rng: random.Random) -> dict[str, Any]:
        """The place's parameters: a city by default."""
        homes = store.listings().homes
        city = rng.choice(sorted({h["address"]["city"] for h in homes}))
        st = next(h["address"]["state"] for h in homes if h["address"]["city"] == city)
        return {"city": city, "state": st}

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any] | None:
        """The filters' parameters (keys of FILTERS) for a place holding `homes`; None
        when the draw is unusable."""
        raise NotImplementedError

    def words(self, params: dict[str, Any]) -> dict[str, Any]:
        """The goal's words for `params` (PHRASES' fields)."""
        return {"city": params.get("city", ""), "state": params.get("state", ""),
                "where": params.get("where", params.get("city", "")), "what": what(params),
                "kind": KIND_WORDS.get(params.get("kind", ""), "homes"),
                **{k: _money(v) for k, v in params.items() if k.endswith("_price")},
                **{k: params[k] for k in ("beds", "baths") if k in params},
                **({"sqft": f"{params['sqft']:,}"} if "sqft" in params else {})}

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        place = self.where(rng)
        picked = self.pick(rng, _place_homes(place))
        if picked is None:
            return None
        params = {**place, **picked}
        if not _results(params) or near_v2(params):
            return None  # a search that shows nothing teaches little; a v2 task's search
        goal = _capital(rng.choice(self.PHRASES).format(**self.words(params)))
        asked = sum(1 for k in FILTERS if k in params)
        return Draft(params, goal, "/", difficulty=max(1, min(3, asked)))

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        search = applied_search(finish)
        term = str(search.get("usersSearchTerm") or "")
        if not term:
            return Verdict(False, "no location was searched")
        where = params.get("where", params.get("city"))
        if _ids(store.search_homes(term, {})) != _ids(_place_homes(params)):
            return Verdict(False, f"the search {term!r} does not select {where}'s homes")
        filters = search.get("filters") or {}
        for key, value in _wanted(params).items():
            got = filters.get(key)
            if key == "homeTypes":
                got = sorted(x for x in (got or []) if x)
            if got != value:
                return Verdict(False, f"filter {key} is {got!r}, the goal asks for {value!r}")
        return Verdict(True, f"homes in {where} searched with the asked filters")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        query: list[tuple[str, str]] = [("q", _term(params)), ("filters", "1")]
        for param, name in (("min_price", "minPrice"), ("max_price", "maxPrice"),
                            ("beds", "beds"), ("baths", "baths"), ("sqft", "minSqft"),
                            ("kind", "homeType")):
            if param in params:
                query.append((name, str(params[param])))
        query += [("homeType", t) for t in params.get("types", [])]
        client.get("/homes", params=query)  # type: ignore[arg-type]

    def other_places(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Places a careless search might land on instead (another city by default)."""
        cities = sorted({h["address"]["city"] for h in store.listings().homes}
                        - {params.get("city")})
        other = cities[len(_term(params)) % len(cities)]
        other_state = next(h["address"]["state"] for h in store.listings().homes
                           if h["address"]["city"] == other)
        return [{"city": other, "state": other_state}]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        misses = [{**params, **place} for place in self.other_places(params)]
        for param in FILTERS:
            if param in params:
                misses.append({k: v for k, v in params.items() if k != param})  # left unset
                misses.append({**params, param: _nudged(param, params[param])})
        if len(params.get("types", [])) > 1:
            misses.append({**params, "types": params["types"][:1]})  # one kind ticked
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        types = [params["kind"]] if "kind" in params else params.get("types", [])
        return [R.fill("textbox", "Search location", _term(params)),
                R.click("button", "Search", exact=True),
                *R.fill_form(("fill", "textbox", "Min price", params.get("min_price", "")),
                             ("fill", "textbox", "Max price", params.get("max_price", "")),
                             ("select", "combobox", "Bedrooms",
                              f"{params['beds']}+" if "beds" in params else ""),
                             ("select", "combobox", "Bathrooms",
                              f"{params['baths']}+" if "baths" in params else ""),
                             ("select", "combobox", "Min square feet",
                              f"{params['sqft']:,}" if "sqft" in params else ""),
                             *(("check", "checkbox", store.HOME_TYPES[t], True)
                               for t in types)),
                R.click("button", "Apply filters"), R.send()]


def _nudged(param: str, value: Any) -> Any:
    """A plausible wrong value of a filter: the next choice up (or down at the top); for
    several home types, the last one swapped for another."""
    if param == "types":
        spare = [t for t in store.HOME_TYPES if t not in value]
        return sorted([*value[:-1], spare[0]], key=list(store.HOME_TYPES).index)
    choices: list[Any] = {
        "min_price": PRICES, "max_price": PRICES, "beds": list(store.BED_CHOICES),
        "baths": list(store.BATH_CHOICES), "sqft": list(store.SQFT_CHOICES),
        "kind": list(KIND_WORDS),
    }[param]
    i = choices.index(value)
    return choices[i + 1] if i + 1 < len(choices) else choices[i - 1]


def _capital(goal: str) -> str:
    return goal[:1].upper() + goal[1:]


#: a home's field -> the filter minimums a goal may ask (the least choice of each is
#: dropped: every listing meets 1 bed, 1 bath and 500 sq ft, so asking it says nothing)
MINIMUMS = {"bedrooms": store.BED_CHOICES[1:], "bathrooms": store.BATH_CHOICES[1:],
            "livingArea": store.SQFT_CHOICES[1:]}


def _fits(homes: list[dict[str, Any]], field: str) -> list[int]:
    """The `field` minimums some of `homes` meet (so the search still shows a home)."""
    top = max(h[field] for h in homes)
    return [c for c in MINIMUMS[field] if c <= top]


def _some_filters(rng: random.Random, homes: list[dict[str, Any]], n: int
                  ) -> dict[str, Any]:
    """`n` of bedrooms / bathrooms / floor area / home type / price, drawn so that some of
    `homes` tend to pass (the draft drops draws that show nothing)."""
    options: dict[str, list[Any]] = {
        "beds": _fits(homes, "bedrooms"), "baths": _fits(homes, "bathrooms"),
        "sqft": _fits(homes, "livingArea"),
        "kind": sorted({h["homeType"] for h in homes} & set(KIND_WORDS)),
        "min_price": _prices(homes), "max_price": _prices(homes)}
    names = rng.sample(["beds", "baths", "sqft", "kind", "price"], n)
    names = [rng.choice(["min_price", "max_price"]) if x == "price" else x for x in names]
    return {name: rng.choice(options[name]) for name in names if options[name]}


class SearchBudget(SearchTemplate):
    """A city, a top price and a least number of bedrooms."""

    name = "search_budget"
    PHRASES = (
        "Search for homes in {city}, {state} priced at most {max_price} with {beds}+ bedrooms.",
        "I'm looking in {city}: show listings up to {max_price} that have at least {beds} "
        "bedrooms.",
        "Filter Zilloft's {city} listings to a max price of {max_price} and {beds} or more "
        "bedrooms.",
    )

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any]:
        return {"max_price": rng.choice(_prices(homes)),
                "beds": rng.choice(store.BED_CHOICES[1:4])}


class SearchKind(SearchTemplate):
    """A city and a kind of home, sometimes with a least floor area."""

    name = "search_kind"
    PHRASES = (
        "Show me only {kind} for sale in {city}, {state}.",
        "Look up {kind} in {city} on Zilloft.",
        "Which {kind} are listed in {city}? Filter the search to that home type.",
    )
    SIZED = (
        "Show me {kind} in {city}, {state} with at least {sqft} square feet.",
        "Search {city} for {kind} of {sqft} sq ft or more.",
    )

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any]:
        kinds = sorted({h["homeType"] for h in homes} & set(KIND_WORDS))
        params: dict[str, Any] = {"kind": rng.choice(kinds or list(KIND_WORDS))}
        if rng.random() < 0.5:
            params["sqft"] = rng.choice(store.SQFT_CHOICES[1:5])
        return params

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drafted = super().draft(rng, state)
        if drafted is None or "sqft" not in drafted.params:
            return drafted
        words = self.words(drafted.params)
        return Draft(drafted.params, rng.choice(self.SIZED).format(**words), "/",
                     drafted.difficulty)


class SearchRange(SearchTemplate):
    """A city, a price range and a least number of bathrooms."""

    name = "search_range"
    PHRASES = (
        "Find homes in {city}, {state} between {min_price} and {max_price} with at least "
        "{baths} bathrooms.",
        "Search {city} listings from {min_price} to {max_price}, {baths}+ baths.",
        "Set the {city} search to a price range of {min_price}-{max_price} and {baths} or "
        "more bathrooms.",
    )

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any]:
        low, high = sorted(rng.sample(_prices(homes), 2))
        return {"min_price": low, "max_price": high, "baths": rng.choice(store.BATH_CHOICES[1:3])}


class SearchRoomy(SearchTemplate):
    """A city and room to spare: least bedrooms, bathrooms and floor area together."""

    name = "search_roomy"
    PHRASES = (
        "I need space. Find homes in {city}, {state} with {beds}+ beds, {baths}+ baths and "
        "at least {sqft} sq ft.",
        "{city} homes, {beds} bed / {baths} bath minimum, {sqft}+ square feet.",
        "Set up a search in {city} for places with at least {beds} bedrooms, {baths} "
        "bathrooms and {sqft} square feet.",
        "Looking for something big in {city}: {beds}+ bd, {baths}+ ba, no less than {sqft} "
        "sqft.",
    )

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any] | None:
        home = rng.choice(homes)  # one home the search must still show
        fits = {param: _fits([home], field) for param, field in
                (("beds", "bedrooms"), ("baths", "bathrooms"), ("sqft", "livingArea"))}
        if not all(fits.values()):
            return None  # too small a home to ask all three of
        return {param: rng.choice(choices) for param, choices in fits.items()}


class SearchRegion(SearchTemplate):
    """A metro region (the Bay Area, SoCal, Greater Boston, ...) with two filters."""

    name = "search_region"
    PHRASES = (
        "Show me {what} anywhere in {where}.",
        "Search {where} for {what}.",
        "I'm open to anywhere in {where}. Pull up {what}.",
        "Zilloft: {what} in {where}",
    )

    def where(self, rng: random.Random) -> dict[str, Any]:
        typed = rng.choice(list(REGIONS))
        return {"place": typed, "where": REGIONS[typed]}

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any]:
        return _some_filters(rng, homes, 2)

    def other_places(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """A neighbouring region, or the region's biggest city alone."""
        own = _ids(_place_homes(params))
        out = [{"place": typed, "where": named} for typed, named in REGIONS.items()
               if typed != params["place"] and _ids(store.search_homes(typed, {})) & own][:1]
        homes = _place_homes(params)
        city = max(sorted({h["address"]["city"] for h in homes}),
                   key=lambda c: sum(h["address"]["city"] == c for h in homes))
        st = next(h["address"]["state"] for h in homes if h["address"]["city"] == city)
        return [*out, {"place": f"{city}, {st}", "where": city}]


class SearchState(SearchTemplate):
    """A whole state with two filters."""

    name = "search_state"
    PHRASES = (
        "Search all of {where} for {what}.",
        "Show me {what} across {where}.",
        "Anywhere in {where} is fine, I just want {what}.",
    )

    @staticmethod
    def states() -> list[str]:
        """The states a search by name selects exactly (not "Oregon": an Oregon St in
        Berkeley matches it too)."""
        homes = store.listings().homes
        return [name for name, st in STATES.items()
                if _ids(store.search_homes(name, {}))
                == {h["id"] for h in homes if h["address"]["state"] == st}]

    def where(self, rng: random.Random) -> dict[str, Any]:
        name = rng.choice(self.states())
        return {"place": name, "where": name}

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any]:
        return _some_filters(rng, homes, 2)

    def other_places(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The state's biggest city alone, and another state."""
        homes = _place_homes(params)
        city = max(sorted({h["address"]["city"] for h in homes}),
                   key=lambda c: sum(h["address"]["city"] == c for h in homes))
        st = STATES[params["place"]]
        other = next(n for n in self.states() if n != params["place"])
        return [{"place": f"{city}, {st}", "where": city}, {"place": other, "where": other}]


class SearchZip(SearchTemplate):
    """One ZIP code with one or two filters its homes meet."""

    name = "search_zip"
    PHRASES = (
        "Search ZIP code {zip} for {what}.",
        "Any {what} in {zip}? Set the search up.",
        "Show me {what} in the {zip} zip.",
        "{zip}: {what} only, please.",
    )

    def where(self, rng: random.Random) -> dict[str, Any]:
        zips = sorted({h["address"]["zipcode"] for h in store.listings().homes})
        code = rng.choice(zips)
        return {"place": code, "where": f"ZIP {code}"}

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any] | None:
        home = rng.choice(homes)
        options = {param: _fits([home], field) for param, field in
                   (("beds", "bedrooms"), ("baths", "bathrooms"), ("sqft", "livingArea"))}
        if home["homeType"] in KIND_WORDS:
            options["kind"] = [home["homeType"]]
        options = {name: values for name, values in options.items() if values}
        if not options:
            return None  # nothing to ask of this home
        chosen = rng.sample(sorted(options), min(len(options), rng.choice([1, 2])))
        return {name: rng.choice(options[name]) for name in chosen}

    def words(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**super().words(params), "zip": params["place"]}

    def other_places(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The next ZIP code up, in the same city when there is one."""
        homes = store.listings().homes
        city = next(h["address"]["city"] for h in homes
                    if h["address"]["zipcode"] == params["place"])
        zips = sorted({h["address"]["zipcode"] for h in homes if h["address"]["city"] == city}
                      - {params["place"]}) or sorted({h["address"]["zipcode"] for h in homes}
                                                    - {params["place"]})
        code = next((z for z in zips if z > params["place"]), zips[0])
        return [{"place": code, "where": f"ZIP {code}"}]


class SearchTypes(SearchTemplate):
    """Two home types at once in a city, region or state, sometimes with least bedrooms."""

    name = "search_types"
    PHRASES = (
        "Show me {what} in {where}.",
        "In {where}, filter to {what} only.",
        "I'd take either kind: search {where} for {what}.",
        "{where}: {what}, nothing else.",
    )

    @staticmethod
    def places() -> list[dict[str, Any]]:
        """Places holding at least two kinds of home."""
        homes = store.listings().homes
        cities = sorted({(h["address"]["city"], h["address"]["state"]) for h in homes})
        out = [{"place": f"{c}, {s}", "where": c} for c, s in cities]
        out += [{"place": t, "where": n} for t, n in REGIONS.items()]
        out += [{"place": n, "where": n} for n in SearchState.states()]
        return [p for p in out if len({h["homeType"] for h in _place_homes(p)}) > 1]

    def where(self, rng: random.Random) -> dict[str, Any]:
        return rng.choice(self.places())

    def pick(self, rng: random.Random, homes: list[dict[str, Any]]) -> dict[str, Any]:
        kinds = [t for t in store.HOME_TYPES if any(h["homeType"] == t for h in homes)]
        params: dict[str, Any] = {"types": sorted(rng.sample(kinds, 2),
                                                  key=list(store.HOME_TYPES).index)}
        if rng.random() < 0.4:
            params["beds"] = rng.choice(store.BED_CHOICES[1:3])
        return params

    def other_places(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        own = _ids(_place_homes(params))
        others = [p for p in self.places() if _ids(_place_homes(p)) != own]
        return [others[len(params["place"]) % len(others)]]


TEMPLATES: list[Template] = [SearchBudget(), SearchKind(), SearchRange(), SearchRoomy(),
                             SearchRegion(), SearchState(), SearchZip(), SearchTypes()]
