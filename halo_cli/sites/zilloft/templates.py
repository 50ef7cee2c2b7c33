"""Zilloft's task templates: home searches with given filters (`halo_cli.sites.templates`
says what a template is).

Why searches only: zilloft's v2 eval scripts accept any tour request (eval_zilloft_3,
_9) and any message to an agent (eval_zilloft_5), so every tour or contact end state
passes a v2 script and no such task can be disjoint from the test set. A search's end
state is the applied search (`search.usersSearchTerm` and `search.filters`), which only
eval_zilloft_23 reads (California, under $900k, 3+ bedrooms: the generator drops those).

A judge rebuilds the applied search from `/finish` (the seed's empty search plus the
`initialfinaldiff` changes) and asks: the search term selects exactly the asked city's
homes (any spelling that does: "Boston", "boston, ma"); each asked filter has the asked
value; every other filter is unset (it would hide homes the goal asked to see).
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
    "sqft": "minSqft", "kind": "homeTypes",
}
KIND_WORDS = {"house": "houses", "condo": "condos", "townhouse": "townhomes"}
PRICES = [p * 1000 for p in (300, 400, 500, 600, 700, 750, 800, 900, 1000, 1200, 1500)]


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


def _homes_of(city: str) -> set[str]:
    return {h["id"] for h in store.listings().homes if h["address"]["city"] == city}


def _wanted(params: dict[str, Any]) -> dict[str, Any]:
    """The store filters `params` ask for (the others must be unset)."""
    want: dict[str, Any] = {key: None for key in FILTERS.values()}
    want["homeTypes"] = []
    for param, key in FILTERS.items():
        if param in params:
            want[key] = [params[param]] if key == "homeTypes" else params[param]
    return want


def _results(params: dict[str, Any]) -> list[dict[str, Any]]:
    return store.search_homes(params["city"], _wanted(params))


class SearchTemplate(Template):
    """A search of one city with some filters; subclasses pick which and phrase it."""

    site = "zilloft"
    base_task = BASE_TASK
    PHRASES: tuple[str, ...] = ()

    def pick(self, rng: random.Random, city: str) -> dict[str, Any]:
        """The filters' parameters (keys of FILTERS) for `city`."""
        raise NotImplementedError

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        homes = store.listings().homes
        city = rng.choice(sorted({h["address"]["city"] for h in homes}))
        st = next(h["address"]["state"] for h in homes if h["address"]["city"] == city)
        params = {"city": city, "state": st, **self.pick(rng, city)}
        if not _results(params):
            return None  # a search that shows nothing teaches little
        words = {"city": city, "state": st, "kind": KIND_WORDS.get(params.get("kind", ""), "homes"),
                 **{k: _money(v) for k, v in params.items() if k.endswith("_price")},
                 **{k: params[k] for k in ("beds", "baths") if k in params},
                 **({"sqft": f"{params['sqft']:,}"} if "sqft" in params else {})}
        goal = rng.choice(self.PHRASES).format(**words)
        asked = sum(1 for k in FILTERS if k in params)
        return Draft(params, goal, "/", difficulty=min(3, asked))

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        search = applied_search(finish)
        term = str(search.get("usersSearchTerm") or "")
        if not term:
            return Verdict(False, "no location was searched")
        shown = {h["id"] for h in store.search_homes(term, {})}
        if shown != _homes_of(params["city"]):
            return Verdict(False, f"the search {term!r} does not select {params['city']}'s homes")
        filters = search.get("filters") or {}
        for key, value in _wanted(params).items():
            got = filters.get(key)
            if key == "homeTypes":
                got = sorted(x for x in (got or []) if x)
            if got != value:
                return Verdict(False, f"filter {key} is {got!r}, the goal asks for {value!r}")
        return Verdict(True, f"homes in {params['city']} searched with the asked filters")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        query: list[tuple[str, str]] = [("q", f"{params['city']}, {params['state']}"),
                                        ("filters", "1")]
        for param, name in (("min_price", "minPrice"), ("max_price", "maxPrice"),
                            ("beds", "beds"), ("baths", "baths"), ("sqft", "minSqft"),
                            ("kind", "homeType")):
            if param in params:
                query.append((name, str(params[param])))
        client.get("/homes", params=query)  # type: ignore[arg-type]

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]
                    ) -> list[dict[str, Any]]:
        cities = sorted({h["address"]["city"] for h in store.listings().homes} - {params["city"]})
        other = cities[len(params["city"]) % len(cities)]
        other_state = next(h["address"]["state"] for h in store.listings().homes
                           if h["address"]["city"] == other)
        misses = [{**params, "city": other, "state": other_state}]
        for param in FILTERS:
            if param in params:
                misses.append({k: v for k, v in params.items() if k != param})  # left unset
                misses.append({**params, param: _nudged(param, params[param])})
        return misses

    def solution(self, params: dict[str, Any]) -> list[Step]:
        place = f"{params['city']}, {params['state']}"
        kinds = {"house": "Houses", "townhouse": "Townhomes", "condo": "Condos/Co-ops"}
        return [R.fill("textbox", "Search location", place), R.click("button", "Search", exact=True),
                *R.fill_form(("fill", "textbox", "Min price", params.get("min_price", "")),
                             ("fill", "textbox", "Max price", params.get("max_price", "")),
                             ("select", "combobox", "Bedrooms",
                              f"{params['beds']}+" if "beds" in params else ""),
                             ("select", "combobox", "Bathrooms",
                              f"{params['baths']}+" if "baths" in params else ""),
                             ("select", "combobox", "Min square feet",
                              f"{params['sqft']:,}" if "sqft" in params else ""),
                             ("check", "checkbox", kinds.get(params.get("kind", ""), ""),
                              "kind" in params)),
                R.click("button", "Apply filters"), R.send()]


def _nudged(param: str, value: Any) -> Any:
    """A plausible wrong value of a filter: the next choice up (or down at the top)."""
    choices: list[Any] = {
        "min_price": PRICES, "max_price": PRICES, "beds": list(store.BED_CHOICES),
        "baths": list(store.BATH_CHOICES), "sqft": list(store.SQFT_CHOICES),
        "kind": list(KIND_WORDS),
    }[param]
    i = choices.index(value)
    return choices[i + 1] if i + 1 < len(choices) else choices[i - 1]


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

    def pick(self, rng: random.Random, city: str) -> dict[str, Any]:
        return {"max_price": rng.choice(PRICES), "beds": rng.choice(store.BED_CHOICES[1:4])}


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

    def pick(self, rng: random.Random, city: str) -> dict[str, Any]:
        kinds = sorted({h["homeType"] for h in store.listings().homes
                        if h["address"]["city"] == city} & set(KIND_WORDS))
        params: dict[str, Any] = {"kind": rng.choice(kinds or list(KIND_WORDS))}
        if rng.random() < 0.5:
            params["sqft"] = rng.choice(store.SQFT_CHOICES[:5])
        return params

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        drafted = super().draft(rng, state)
        if drafted is None or "sqft" not in drafted.params:
            return drafted
        words = {"city": drafted.params["city"], "state": drafted.params["state"],
                 "kind": KIND_WORDS[drafted.params["kind"]],
                 "sqft": f"{drafted.params['sqft']:,}"}
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

    def pick(self, rng: random.Random, city: str) -> dict[str, Any]:
        low, high = sorted(rng.sample(PRICES, 2))
        return {"min_price": low, "max_price": high, "baths": rng.choice(store.BATH_CHOICES[1:3])}


TEMPLATES: list[Template] = [SearchBudget(), SearchKind(), SearchRange()]
