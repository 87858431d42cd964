"""Load along the links and utilisation, against figures worked out by hand.

Every model here peaks at 200 reads/s and 20 writes/s (100 and 10 on average, x2), with a
static share of 0.25 and a cache hit rate of 0.8. Default assumptions: a web server running
the application does 500 requests/s per vCPU, a read API 2,500, a reverse proxy 4,000; a
db.m6i.large (2 vCPU) does 1,500 x 2 / 4 = 750 reads/s and 500 x 2 / 3 = 333.3 writes/s.
"""

from __future__ import annotations

import pytest

from archlib.capacity import analyse

MONOLITH = """
components:
  - {id: users, kind: client}
  - id: web
    kind: web_server
    instance_type: m6i.large
    count: 2
    subnets: [app-a, app-b]
  - id: db
    kind: relational_database
    instance_class: db.m6i.large
    subnets: [app-a, app-b]
  - {id: files, kind: object_store}
links:
  - {source: users, target: web}
  - {source: web, target: db}
  - {source: web, target: files}
"""


def test_a_monolith_serves_everything_and_the_database_only_dynamic_requests(build):
    report = analyse(build(MONOLITH))
    web, db, files = report.use("web"), report.use("db"), report.use("files")
    # static share 0.25 of 200 reads: 50 static, 150 dynamic reads, 20 writes.
    assert web.load == pytest.approx({"static": 50, "reads": 150, "writes": 20})
    assert web.utilisation == pytest.approx(220 / (2 * 2 * 500))
    assert db.load == pytest.approx({"reads": 150, "writes": 20})
    assert db.utilisation == pytest.approx(150 / 750 + 20 / (1000 / 3))
    assert files.load == pytest.approx({"static": 50, "writes": 20})
    assert files.utilisation is None
    assert report.bottleneck == "db"
    assert db.driver == "reads"


def test_the_users_sustained_scale_the_profile_to_the_bottleneck(build):
    report = analyse(build(MONOLITH))
    utilisation = 150 / 750 + 20 / (1000 / 3)
    assert report.max_users == pytest.approx(1000 / utilisation)
    assert report.max_requests_per_second == pytest.approx(220 / utilisation)
    assert report.headroom == pytest.approx(1 / utilisation - 1)


def test_a_named_class_takes_precedence_over_all_and_the_cdn_takes_static(build):
    model = build("""
components:
  - {id: users, kind: client}
  - {id: cdn, kind: cdn}
  - {id: files, kind: object_store}
  - {id: lb, kind: load_balancer, subnets: [app-a, app-b]}
  - id: web
    kind: web_server
    instance_type: m6i.large
    count: 2
    subnets: [app-a, app-b]
links:
  - {source: users, target: cdn, traffic: static}
  - {source: cdn, target: files, traffic: static}
  - {source: users, target: lb, port: 443}
  - {source: users, target: lb, port: 80}
  - {source: lb, target: web}
""")
    report = analyse(model)
    assert report.use("cdn").load == pytest.approx({"static": 50})
    assert report.use("cdn").utilisation == pytest.approx(50 / 250_000)
    # Two links to the load balancer (443 and 80) carry the requests once, without static.
    assert report.use("lb").load == pytest.approx({"reads": 150, "writes": 20})
    # Nothing reaches a database, so the web server proxies: 4,000/s per vCPU.
    assert report.use("web").utilisation == pytest.approx(170 / (2 * 2 * 4000))


CACHED_READS = """
components:
  - {id: users, kind: client}
  - id: web
    kind: web_server
    instance_type: m6i.large
    count: 2
    subnets: [app-a, app-b]
  - id: reader
    kind: app_server
    instance_type: m6i.large
    count: 2
    subnets: [app-a, app-b]
  - id: writer
    kind: app_server
    instance_type: m6i.large
    count: 2
    subnets: [app-a, app-b]
  - id: cache
    kind: cache
    node_type: cache.r6g.large
    nodes: 2
    subnets: [app-a, app-b]
  - id: db
    kind: relational_database
    instance_class: db.m6i.large
    multi_az: true
    subnets: [app-a, app-b]
  - id: replicas
    kind: relational_database
    instance_class: db.m6i.large
    replica_of: db
    count: 2
    subnets: [app-a, app-b]
links:
  - {source: users, target: web}
  - {source: web, target: reader, traffic: reads}
  - {source: web, target: writer, traffic: writes}
  - {source: web, target: cache, traffic: sessions}
  - {source: reader, target: cache, traffic: reads, dependency: soft}
  - {source: reader, target: replicas, traffic: reads}
  - {source: writer, target: db, traffic: writes}
  - {source: db, target: replicas, mode: replication, traffic: replication}
"""


def test_cache_aside_sends_only_the_misses_on_and_replicas_apply_every_write(build):
    report = analyse(build(CACHED_READS))
    # No CDN: the web tier takes all 200 reads (static ones too) and 20 writes.
    assert report.use("reader").load == pytest.approx({"reads": 150})
    assert report.use("reader").utilisation == pytest.approx(150 / (2 * 2 * 2500))
    assert report.use("writer").utilisation == pytest.approx(20 / (2 * 2 * 500))
    # Cache: 150 GETs, 30 fills on misses, one session lookup per request at the web tier.
    cache = report.use("cache")
    assert cache.load == pytest.approx({"reads": 150, "writes": 30, "sessions": 220})
    assert cache.utilisation == pytest.approx((150 + 220) / (2 * 100_000) + 30 / 100_000)
    # Replicas: 20 % of 150 reads spread over 2, and each applies all 20 writes at 0.3 cost.
    replicas = report.use("replicas")
    assert replicas.load == pytest.approx({"reads": 30, "replication": 20})
    assert replicas.utilisation == pytest.approx(30 / (2 * 750) + 20 * 0.3 / (1000 / 3))
    assert report.use("db").utilisation == pytest.approx(20 / (1000 / 3))


def test_jobs_go_through_the_queue_to_the_worker_that_polls_it(build):
    model = build(
        """
components:
  - {id: users, kind: client}
  - id: api
    kind: app_server
    instance_type: m6i.large
    count: 2
    subnets: [app-a, app-b]
  - id: jobs-api
    kind: app_server
    instance_type: m6i.large
    count: 2
    subnets: [app-a, app-b]
  - {id: queue, kind: queue, fifo: true}
  - id: worker
    kind: worker
    instance_type: c6i.xlarge
    count: 2
    subnets: [app-a, app-b]
  - {id: table, kind: nosql_table}
links:
  - {source: users, target: api}
  - {source: users, target: jobs-api, traffic: jobs}
  - {source: jobs-api, target: queue, mode: async, traffic: jobs}
  - {source: worker, target: queue, mode: async, traffic: jobs}
  - {source: worker, target: table, mode: async, traffic: jobs}
""",
        extra="async_write_share: 0.5",
    )
    report = analyse(model)
    assert report.use("api").load == pytest.approx({"static": 50, "reads": 150, "writes": 10})
    assert report.use("jobs-api").load == pytest.approx({"jobs": 10})
    assert report.use("queue").utilisation == pytest.approx(10 / 300)
    # c6i.xlarge: 4 vCPU x 25 jobs/s x 1.0, two of them.
    assert report.use("worker").utilisation == pytest.approx(10 / (2 * 4 * 25))
    assert report.use("table").utilisation == pytest.approx(10 / 40_000)


def test_components_on_one_host_share_its_capacity(build):
    model = build("""
components:
  - {id: users, kind: client}
  - {id: box, kind: host, instance_type: m6i.xlarge, subnets: [app-a]}
  - {id: web, kind: web_server, host: box}
  - {id: db, kind: relational_database, host: box}
links:
  - {source: users, target: web}
  - {source: web, target: db}
""")
    report = analyse(model)
    web = 220 / (4 * 500)
    db = 150 / (1500 * 4 / 4) + 20 / (500 * 4 / 3)
    assert report.use("web").utilisation == pytest.approx(web)
    assert report.use("db").utilisation == pytest.approx(db)
    assert report.use("box").utilisation == pytest.approx(web + db)
    assert report.bottleneck == "box"
    assert report.max_users == pytest.approx(1000 / (web + db))


def test_users_and_request_rate_scale_the_peak(build):
    model = build(MONOLITH)
    base = analyse(model).use("db").utilisation
    assert analyse(model, users=3000).use("db").utilisation == pytest.approx(3 * base)
    assert analyse(model, requests_per_second=440).use("db").utilisation == pytest.approx(2 * base)


def test_a_cycle_of_links_is_an_input_error_naming_it(build):
    from archlib.errors import InputError

    model = build("""
components:
  - {id: users, kind: client}
  - {id: a, kind: app_server, instance_type: m6i.large, subnets: [app-a]}
  - {id: b, kind: app_server, instance_type: m6i.large, subnets: [app-a]}
links:
  - {source: users, target: a}
  - {source: a, target: b}
  - {source: b, target: a}
""")
    with pytest.raises(InputError, match=r"cycle of links \(a -> b -> a\)") as caught:
        analyse(model)
    assert caught.value.field == "links"
