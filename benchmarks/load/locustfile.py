"""Twenty residents on the site: visitors browse and search, signed-in residents also list and buy,
a regulator's system reads the audit feed; the bare view is requested alongside as the ceiling.

Started by scripts/bench-load, which passes LOAD_FIXTURE (written by generate.py) and LOAD_ENGINE.
LOAD_WAIT="min,max" is each user's think time in seconds between pages ("0,0" for a closed loop).
"""

import json
import os
import random
import time

import gevent
from locust import HttpUser, between, constant, events, task

with open(os.environ.get("LOAD_FIXTURE", "/tmp/load-fixture.json"), encoding="utf-8") as fixture:  # noqa: S108
    FIXTURE = json.load(fixture)
ENGINE = os.environ.get("LOAD_ENGINE", "database")
LOW, HIGH = (float(x) for x in os.environ.get("LOAD_WAIT", "1,3").split(","))
WAIT = constant(0) if HIGH == 0 else between(LOW, HIGH)
WORDS = ["手机", "shouji", "沙发", "自行车", "ThinkPad", "羽绒服", "冰箱", "书架", "绘本"]
FIRST, LAST = FIXTURE["listing_ids"]
# Sign-ins (a deliberately slow password hash) crowd the first seconds: statistics start after them.
WARMUP = float(os.environ.get("LOAD_WARMUP", "15"))
MEASURE_FROM = time.monotonic() + WARMUP


@events.init.add_listener
def reset_after_warmup(environment, **_kwargs):
    def reset():
        gevent.sleep(WARMUP)
        environment.stats.reset_all()

    gevent.spawn(reset)


def page(name: str) -> dict:
    """The header under which the server logs its own time for the request (after the warm-up)."""
    return {"X-Load-Page": name} if time.monotonic() >= MEASURE_FROM else {}


def listing_id() -> int:
    # Recent listings are opened most, as on the real site; 85 % of ids are published.
    newest = random.random() < 0.7
    return random.randint(max(FIRST, LAST - 2000), LAST) if newest else random.randint(FIRST, LAST)


class Site(HttpUser):
    abstract = True
    wait_time = WAIT

    def on_request(self):
        # The production cookies are Secure; this client talks plain HTTP to 127.0.0.1 (a TLS proxy's
        # place), so it sends them back as the proxy would.
        for cookie in self.client.cookies:
            cookie.secure = False

    def get(self, url, name, **kwargs):
        response = self.client.get(url, name=name, headers=page(name), **kwargs)
        self.on_request()
        return response

    @task(3)
    def home(self):
        self.get("/", "home")

    @task(6)
    def browse(self):
        params = {}
        if random.random() < 0.4:
            params["category"] = random.choice(FIXTURE["categories"])
        if random.random() < 0.2:
            params["street"] = random.choice(FIXTURE["streets"])
        self.get("/listings/", "browse", params=params)

    @task(2)
    def browse_deep(self):
        # Following "next" a few pages in (the pager's own links, whatever their form).
        response = self.get("/listings/", "browse")
        for _ in range(3):
            marker = 'class="pager"'
            html = response.text
            if marker not in html:
                return
            pager = html[html.index(marker) :]
            hrefs = [part.split('"', 1)[0] for part in pager.split('href="')[1:]]
            if not hrefs:
                return
            response = self.get("/listings/" + hrefs[-1].replace("&amp;", "&"), "browse next page")

    @task(5)
    def search(self):
        params = {"q": random.choice(WORDS)}
        if random.random() < 0.3:
            params["sort"] = "newest"
        self.get("/search/", f"search ({ENGINE})", params=params)

    @task(8)
    def detail(self):
        name = "listing detail"
        url = f"/listings/{listing_id()}/"
        with self.client.get(url, name=name, headers=page(name), catch_response=True) as r:
            if r.status_code == 404:
                r.success()  # a withdrawn or sold listing's page is not public
        self.on_request()

    @task(4)
    def bare(self):
        self.get("/bench/bare/", "bare view (ceiling)")


class Visitor(Site):
    weight = 3


class Resident(Site):
    weight = 1

    def on_start(self):
        self.get("/accounts/login/", "sign in (form)")
        self.post(
            "/accounts/login/",
            "sign in",
            {
                "login": FIXTURE["buyers"][random.randrange(len(FIXTURE["buyers"]))],
                "password": FIXTURE["password"],
            },
        )

    def post(self, url, name, data, **kwargs):
        data = {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""), **data}
        response = self.client.post(
            url,
            data=data,
            name=name,
            allow_redirects=False,
            headers={"Origin": self.host, "Referer": self.host + url, **page(name)},
            **kwargs,
        )
        self.on_request()
        return response

    @task(2)
    def create_listing(self):
        self.get("/listings/new/", "create listing (form)")
        self.post(
            "/listings/new/",
            "create listing",
            {
                "title": "搬家出 布艺沙发",
                "description": "九成新，自提。",
                "category": FIXTURE["leaf_category"],
                "condition": "90",
                "trade_mode": "sell",
                "price": "120",
                "quantity": "1",
                "community": FIXTURE["community"],
                "pickup": "on",
            },
        )

    @task(2)
    def order(self):
        with self.post(f"/orders/buy/{listing_id()}/", "order", {"kind": "meetup"}, catch_response=True) as r:
            if r.status_code == 404:
                r.success()  # a listing already sold, withdrawn or not yet approved: as a resident meets it


class Regulator(HttpUser):
    weight = 1
    fixed_count = 1
    wait_time = WAIT

    @task
    def feed(self):
        after = random.randint(0, max(0, FIXTURE["audit_size"] - 600))
        self.client.get(
            "/api/regulator/v1/entries",
            params={"after": after, "limit": 100},
            name="feed API",
            headers={"Authorization": "Bearer " + FIXTURE["regulator_key"], **page("feed API")},
        )
