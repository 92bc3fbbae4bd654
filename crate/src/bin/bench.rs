//! Benchmark: trace cost as the estate grows from 2 to 2,000 VPCs.
//!
//! ```text
//! cargo run --release --bin bench [-- --sizes 2,200,2000 --rounds 9 --round-ms 300] [--json]
//! cargo run --release --bin bench -- --write N FILE
//! ```
//!
//! `--write N FILE` writes the estate of `N` VPCs as scenario JSON (what the page and
//! `vpc-playground` load) to `FILE` (`-` for stdout) and stops: the one generator for the
//! page benchmark (`scripts/bench-page`) and the tests that need a big estate. `--json` adds
//! one last line to the table, the figures as JSON (`{"sizes": [...]}`), for scripts.
//!
//! For each size it generates an estate as a `ScenarioDoc`, writes it as JSON, then times
//! parsing that JSON and building the validated model and its indexes (`load::from_doc`,
//! what `load::load` does after parsing), then traces a fixed mix of
//! flows for several rounds of a fixed wall time. It prints traces per second, the median time
//! per trace over the rounds and the best round (the least disturbed by other work on the
//! machine), the same per kind of flow, and how much dearer a trace is at the largest size than
//! at the smallest. A trace is mostly string formatting and allocation, so on a busy machine
//! compare the best rounds; a kind of flow whose cost grows with the size points at a scan.
//!
//! Route lookup uses a per-table prefix hash index (`model/index.rs`), so the cost per trace
//! should stay nearly flat; a ratio well above 1 means something in the walk scans the estate.
//!
//! The estate, per VPC `i` (a /21 inside 10.0.0.0/8, so up to 8,192 VPCs):
//! - four /24 subnets: `pub` (web instance with a public IP, NAT gateway), `app` (two app
//!   instances), `db` (a database instance), `spare`;
//! - an internet gateway, a public NAT gateway, an S3 gateway endpoint on the app table;
//! - three route tables of 50+ routes: `pub` (0.0.0.0/0 to the internet gateway), `app`
//!   (0.0.0.0/0 to the NAT gateway), `db` (no default route); each also routes the CIDRs of
//!   its peers to the peering connections and 50 filler /24s in 198.18.0.0/15 to a gateway;
//! - peering with the VPCs 1, 2 and 3 places ahead on a ring, routed both ways;
//! - security groups `web` (443 from anywhere), `app` (8080 from 10.0.0.0/8), `db` (5432 from
//!   10.0.0.0/8).
//!
//! Then a hub-and-spoke estate (`--hub N`, 500 by default, 0 to skip; `bench/hub.rs`): one
//! transit gateway with N VPC attachments and a route table of N propagated routes, traced
//! spoke to spoke across the hub; its cost per trace is set beside the smallest size's.

#[path = "bench/hub.rs"]
mod hub;

use std::hint::black_box;
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};
use vpc_playground::load::scenario::{
    EndpointDoc, IgwDoc, InstanceDoc, NatDoc, PeeringDoc, PortsDoc, RouteDoc, RouteTableDoc,
    ScenarioDoc, SecurityGroupDoc, SgRuleDoc, SubnetDoc, VpcDoc,
};
use vpc_playground::load::{from_doc, Loaded, MAX_INPUT_BYTES, MAX_INPUT_MIB};
use vpc_playground::model::ids::ResourceKind;
use vpc_playground::model::Protocol;
use vpc_playground::{trace, FlowSpec};

/// Filler routes per table, besides the default and peering routes.
const FILLER_ROUTES: u32 = 50;
/// Each VPC peers with the VPCs this many places ahead on the ring (and so as many behind).
const PEER_SPAN: usize = 3;

// ---- the estate -------------------------------------------------------------------------------

/// The first address of VPC `i`'s /21.
fn vpc_base(i: usize) -> u32 {
    (10 << 24) | ((i as u32) << 11)
}

fn addr(base: u32, subnet: u32, host: u32) -> String {
    Ipv4Addr::from(base + (subnet << 8) + host).to_string()
}

/// Every peered pair `(a, b)` with `a < b`, once.
fn peer_pairs(n: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for i in 0..n {
        for k in 1..=PEER_SPAN {
            let j = (i + k) % n;
            if j != i {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// An id of the given kind: its AWS prefix, then `rest`.
fn id(kind: ResourceKind, rest: impl std::fmt::Display) -> String {
    format!("{}{rest}", kind.prefix())
}

fn pcx_id(a: usize, b: usize) -> String {
    id(ResourceKind::Peering, format_args!("{a}-{b}"))
}

/// Subnet `s` (`pub`, `app` ...) of VPC `i`.
fn subnet_id(s: &str, i: usize) -> String {
    id(ResourceKind::Subnet, format_args!("{s}-{i}"))
}

fn route(destination: String, target: String) -> RouteDoc {
    RouteDoc {
        destination,
        target,
        ..RouteDoc::default()
    }
}

fn sg_rule(port: u16, cidr: &str) -> SgRuleDoc {
    SgRuleDoc {
        protocol: "tcp".into(),
        ports: Some(PortsDoc::Number(port)),
        cidr: Some(cidr.into()),
        ..SgRuleDoc::default()
    }
}

fn instance(id: String, subnet: String, ip: String, sg: String) -> InstanceDoc {
    InstanceDoc {
        id,
        subnet,
        private_ip: Some(ip),
        security_groups: Some(vec![sg]),
        // `Default` gives false; the format's default (and AWS's) is true.
        source_dest_check: true,
        ..InstanceDoc::default()
    }
}

/// A public address for host `k` of a series, outside every AWS service range in the data.
fn public_ip(series: u32, k: usize) -> String {
    Ipv4Addr::from((44 << 24) | (series << 16) | k as u32).to_string()
}

/// The estate of `n` VPCs described in the module doc.
fn estate(n: usize) -> ScenarioDoc {
    assert!((2..=8192).contains(&n), "between 2 and 8,192 VPCs");
    let pairs = peer_pairs(n);
    let mut peers: Vec<Vec<(usize, String)>> = vec![Vec::new(); n];
    for &(a, b) in &pairs {
        peers[a].push((b, pcx_id(a, b)));
        peers[b].push((a, pcx_id(a, b)));
    }
    let mut doc = ScenarioDoc {
        name: format!("bench: {n} VPCs"),
        region: Some("us-east-1".into()),
        ..ScenarioDoc::default()
    };
    for (i, my_peers) in peers.iter().enumerate() {
        add_network(&mut doc, i);
        add_route_tables(&mut doc, i, my_peers);
        add_endpoint_and_groups(&mut doc, i);
        add_instances(&mut doc, i);
    }
    for (a, b) in pairs {
        doc.peering_connections.push(PeeringDoc {
            id: pcx_id(a, b),
            requester: id(ResourceKind::Vpc, a),
            accepter: id(ResourceKind::Vpc, b),
            ..PeeringDoc::default()
        });
    }
    doc
}

/// VPC `i`, its four subnets, its internet gateway and its NAT gateway.
fn add_network(doc: &mut ScenarioDoc, i: usize) {
    let base = vpc_base(i);
    let vpc = id(ResourceKind::Vpc, i);
    doc.vpcs.push(VpcDoc {
        id: vpc.clone(),
        name: String::new(),
        cidr: Some(format!("{}/21", Ipv4Addr::from(base))),
        // `Default` gives false; the format's default (and AWS's) is true.
        dns_support: true,
        dns_hostnames: true,
        ..VpcDoc::default()
    });
    for (k, s) in ["pub", "app", "db", "spare"].iter().enumerate() {
        doc.subnets.push(SubnetDoc {
            id: subnet_id(s, i),
            name: String::new(),
            vpc: vpc.clone(),
            cidr: format!("{}/24", addr(base, k as u32, 0)),
            ..SubnetDoc::default()
        });
    }
    doc.internet_gateways.push(IgwDoc {
        id: id(ResourceKind::InternetGateway, i),
        vpc: Some(vpc),
        ..IgwDoc::default()
    });
    doc.nat_gateways.push(NatDoc {
        id: id(ResourceKind::NatGateway, i),
        subnet: subnet_id("pub", i),
        public_ip: Some(public_ip(1, i)),
        private_ip: Some(addr(base, 0, 5)),
        ..NatDoc::default()
    });
}

/// VPC `i`'s three route tables: default route, peering routes, then the filler routes.
fn add_route_tables(doc: &mut ScenarioDoc, i: usize, my_peers: &[(usize, String)]) {
    let (igw, nat) = (
        id(ResourceKind::InternetGateway, i),
        id(ResourceKind::NatGateway, i),
    );
    let sub = |s: &str| subnet_id(s, i);
    let tables: [(&str, Vec<String>, Option<&String>, &String); 3] = [
        ("pub", vec![sub("pub")], Some(&igw), &igw),
        ("app", vec![sub("app"), sub("spare")], Some(&nat), &nat),
        ("db", vec![sub("db")], None, &nat),
    ];
    for (name, subnets, default, filler_target) in tables {
        let mut routes = Vec::new();
        if let Some(d) = default {
            routes.push(route("0.0.0.0/0".into(), d.clone()));
        }
        for (j, pcx) in my_peers {
            routes.push(route(
                format!("{}/21", Ipv4Addr::from(vpc_base(*j))),
                pcx.clone(),
            ));
        }
        for f in 0..FILLER_ROUTES {
            // Distinct /24s of 198.18.0.0/15 per table, different from table to table.
            let slot = (i as u32 * 7 + f) % 512;
            let net = Ipv4Addr::from((198 << 24) | (18 << 16) | (slot << 8));
            routes.push(route(format!("{net}/24"), filler_target.clone()));
        }
        doc.route_tables.push(RouteTableDoc {
            id: id(ResourceKind::RouteTable, format_args!("{name}-{i}")),
            vpc: id(ResourceKind::Vpc, i),
            main: name == "app",
            subnets,
            routes,
            ..RouteTableDoc::default()
        });
    }
}

/// VPC `i`'s S3 gateway endpoint (on the app table) and its three security groups.
fn add_endpoint_and_groups(doc: &mut ScenarioDoc, i: usize) {
    let vpc = id(ResourceKind::Vpc, i);
    doc.endpoints.push(EndpointDoc {
        id: id(ResourceKind::Endpoint, format_args!("s3-{i}")),
        vpc: vpc.clone(),
        service: "com.amazonaws.us-east-1.s3".into(),
        kind: "gateway".into(),
        route_tables: vec![id(ResourceKind::RouteTable, format_args!("app-{i}"))],
        private_dns: true,
        ..EndpointDoc::default()
    });
    let groups = [
        ("web", sg_rule(443, "0.0.0.0/0")),
        ("app", sg_rule(8080, "10.0.0.0/8")),
        ("db", sg_rule(5432, "10.0.0.0/8")),
    ];
    for (name, rule) in groups {
        doc.security_groups.push(SecurityGroupDoc {
            id: id(ResourceKind::SecurityGroup, format_args!("{name}-{i}")),
            name: name.into(),
            vpc: vpc.clone(),
            ingress: vec![rule],
            ..SecurityGroupDoc::default()
        });
    }
}

/// VPC `i`'s instances: `web` (with a public IP), `app`, `app2` and `db`.
fn add_instances(doc: &mut ScenarioDoc, i: usize) {
    let base = vpc_base(i);
    let sg = |name: &str| id(ResourceKind::SecurityGroup, format_args!("{name}-{i}"));
    let mut web = instance(
        instance_id("web", i),
        subnet_id("pub", i),
        addr(base, 0, 10),
        sg("web"),
    );
    web.public_ip = Some(public_ip(0, i));
    doc.instances.push(web);
    // (id, subnet, subnet number, host, group)
    for (name, s, k, host, group) in [
        ("app", "app", 1, 10, "app"),
        ("app2", "app", 1, 11, "app"),
        ("db", "db", 2, 10, "db"),
    ] {
        doc.instances.push(instance(
            instance_id(name, i),
            subnet_id(s, i),
            addr(base, k, host),
            sg(group),
        ));
    }
}

/// Instance `name` (`web`, `app` ...) of VPC `i`.
fn instance_id(name: &str, i: usize) -> String {
    id(ResourceKind::Instance, format_args!("{name}-{i}"))
}

// ---- the flows --------------------------------------------------------------------------------

/// One kind of flow in the mix, traced from several VPCs spread over the estate.
struct FlowKind {
    name: &'static str,
    /// The flow from VPC `k` of an estate of `n`.
    make: fn(k: usize, n: usize) -> FlowSpec,
    reachable: bool,
}

fn tcp(from: String, to: String, port: u16) -> FlowSpec {
    FlowSpec {
        from,
        to,
        protocol: Protocol::Tcp,
        port,
    }
}

const FLOWS: &[FlowKind] = &[
    FlowKind {
        name: "same subnet",
        make: |k, _| tcp(instance_id("app", k), instance_id("app2", k), 8080),
        reachable: true,
    },
    FlowKind {
        name: "cross subnet",
        make: |k, _| tcp(instance_id("app", k), instance_id("db", k), 5432),
        reachable: true,
    },
    FlowKind {
        name: "internet via NAT",
        make: |k, _| tcp(instance_id("app", k), "8.8.8.8".into(), 443),
        reachable: true,
    },
    FlowKind {
        name: "across peering",
        make: |k, n| tcp(instance_id("app", k), instance_id("db", (k + 1) % n), 5432),
        reachable: true,
    },
    FlowKind {
        name: "S3 gateway endpoint",
        make: |k, _| {
            tcp(
                instance_id("app", k),
                "com.amazonaws.us-east-1.s3".into(),
                443,
            )
        },
        reachable: true,
    },
    FlowKind {
        name: "blocked: security group",
        make: |k, _| tcp(instance_id("app", k), instance_id("db", k), 22),
        reachable: false,
    },
    FlowKind {
        name: "blocked: no route",
        make: |k, _| tcp(instance_id("db", k), "8.8.8.8".into(), 443),
        reachable: false,
    },
];

/// Source VPCs spread over the estate, so no one corner of the indexes is favoured.
fn source_vpcs(n: usize) -> Vec<usize> {
    let mut v = vec![0, n / 3, n / 2, (2 * n) / 3, n - 1];
    v.sort_unstable();
    v.dedup();
    v
}

// ---- measuring --------------------------------------------------------------------------------

struct Options {
    sizes: Vec<usize>,
    rounds: usize,
    round: Duration,
    /// `--write N FILE`: write the estate of N VPCs and stop.
    write: Option<(usize, String)>,
    /// `--json`: end with the figures as one line of JSON.
    json: bool,
    /// `--hub N`: VPC attachments of the hub-and-spoke estate (0: skip it).
    hub: usize,
}

fn parse_size(s: &str, what: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("{what}: \"{s}\" is not a number"))?;
    if !(2..=8192).contains(&n) {
        return Err(format!("{what}: each size must be from 2 to 8192"));
    }
    Ok(n)
}

fn parse_options() -> Result<Options, String> {
    let mut o = Options {
        sizes: vec![2, 200, 2000],
        rounds: 9,
        round: Duration::from_millis(300),
        write: None,
        json: false,
        hub: 500,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--sizes" => {
                o.sizes = value()?
                    .split(',')
                    .map(|s| parse_size(s, "--sizes"))
                    .collect::<Result<_, _>>()?;
            }
            "--write" => {
                let n = parse_size(value()?, "--write")?;
                let file = it.next().ok_or("--write needs a size and a file")?;
                o.write = Some((n, file.clone()));
            }
            "--json" => o.json = true,
            "--hub" => {
                o.hub = value()?.parse().map_err(|_| "--hub: expected a number")?;
                if o.hub == 1 || o.hub > 8192 {
                    return Err("--hub: 0 (skip) or from 2 to 8192 attachments".into());
                }
            }
            "--rounds" => {
                o.rounds = value()?
                    .parse()
                    .map_err(|_| "--rounds: expected a number")?;
                o.rounds = o.rounds.max(1);
            }
            "--round-ms" => {
                let ms: u64 = value()?
                    .parse()
                    .map_err(|_| "--round-ms: expected a number")?;
                o.round = Duration::from_millis(ms.max(1));
            }
            "-h" | "--help" => {
                return Err(
                    "usage: bench [--sizes 2,200,2000] [--rounds 9] [--round-ms 300] [--json]\n   \
                     or: bench --write N FILE   (the estate of N VPCs as scenario JSON; - for stdout)"
                        .into(),
                )
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(o)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// Time per trace: the median over the rounds, and the best round (least disturbed by other
/// work on the machine).
#[derive(Clone, Copy)]
struct Timing {
    median: f64,
    best: f64,
}

/// Runs `flows` round-robin for `round` of wall time, `rounds` times.
fn time_flows(
    loaded: &Loaded,
    flows: &[FlowSpec],
    rounds: usize,
    round: Duration,
) -> (Timing, u64) {
    let mut per_trace = Vec::with_capacity(rounds);
    let mut total = 0u64;
    for _ in 0..rounds {
        let start = Instant::now();
        let mut count = 0u64;
        while start.elapsed() < round {
            for f in flows {
                black_box(trace(loaded, black_box(f)).ok());
            }
            count += flows.len() as u64;
        }
        per_trace.push(start.elapsed().as_secs_f64() / count as f64);
        total += count;
    }
    let best = per_trace.iter().copied().fold(f64::INFINITY, f64::min);
    (
        Timing {
            median: median(per_trace),
            best,
        },
        total,
    )
}

struct SizeResult {
    n: usize,
    json_bytes: usize,
    routes: usize,
    parse: Duration,
    build: Duration,
    per_trace: Timing,
    traces: u64,
    per_kind: Vec<Timing>,
}

fn run_size(n: usize, o: &Options) -> Result<SizeResult, String> {
    let doc = estate(n);
    let routes = doc.route_tables.iter().map(|t| t.routes.len()).sum();
    let text = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    // Parse and build are timed apart, the build starting from the parsed doc.
    let start = Instant::now();
    let parsed: ScenarioDoc =
        vpc_playground::load::scenario_from_str(&text).map_err(|e| e.to_string())?;
    let parse = start.elapsed();
    let start = Instant::now();
    let loaded = from_doc(parsed).map_err(|e| format!("the {n}-VPC estate does not load: {e}"))?;
    let build = start.elapsed();
    let mut all = Vec::new();
    let mut by_kind = Vec::new();
    for kind in FLOWS {
        let flows: Vec<FlowSpec> = source_vpcs(n)
            .into_iter()
            .map(|k| (kind.make)(k, n))
            .collect();
        // Check that the bench measures what it says it measures.
        for f in &flows {
            let t = trace(&loaded, f).map_err(|e| format!("{}: {e}", kind.name))?;
            if t.reachable() != kind.reachable {
                return Err(format!(
                    "{n} VPCs, {} ({} -> {}): expected reachable={}, got {}: {}",
                    kind.name,
                    f.from,
                    f.to,
                    kind.reachable,
                    t.reachable(),
                    t.explanation
                ));
            }
        }
        all.extend(flows.iter().cloned());
        by_kind.push(flows);
    }
    // Warm up caches and the allocator before timing.
    time_flows(&loaded, &all, 1, o.round / 3);
    let (per_trace, traces) = time_flows(&loaded, &all, o.rounds, o.round);
    let kind_round = (o.round / 3).max(Duration::from_millis(1));
    let per_kind = by_kind
        .iter()
        .map(|flows| time_flows(&loaded, flows, o.rounds, kind_round).0)
        .collect();
    Ok(SizeResult {
        n,
        json_bytes: text.len(),
        routes,
        parse,
        build,
        per_trace,
        traces,
        per_kind,
    })
}

/// `--write N FILE`: the estate of `n` VPCs as scenario JSON, to a file or stdout.
fn write_estate(n: usize, file: &str) -> Result<(), String> {
    let text = serde_json::to_string(&estate(n)).map_err(|e| e.to_string())?;
    if file == "-" {
        use std::io::Write;
        std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("stdout: {e}"))
    } else {
        std::fs::write(file, text).map_err(|e| format!("{file}: {e}"))
    }
}

/// `--json`: the figures as one line, for scripts (times in ms and µs as the table has them).
fn json_line(results: &[SizeResult], hub: Option<&HubResult>) -> String {
    let sizes: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            serde_json::json!({
                "vpcs": r.n,
                "routes": r.routes,
                "json_bytes": r.json_bytes,
                "parse_ms": r.parse.as_secs_f64() * 1e3,
                "build_ms": r.build.as_secs_f64() * 1e3,
                "trace_us_median": r.per_trace.median * 1e6,
                "trace_us_best": r.per_trace.best * 1e6,
                "traces": r.traces,
            })
        })
        .collect();
    let hub = hub.map(|h| {
        serde_json::json!({
            "attachments": h.n,
            "build_ms": h.build.as_secs_f64() * 1e3,
            "trace_us_median": h.per_trace.median * 1e6,
            "trace_us_best": h.per_trace.best * 1e6,
            "traces": h.traces,
        })
    });
    serde_json::json!({ "sizes": sizes, "hub": hub }).to_string()
}

/// The hub-and-spoke figures.
struct HubResult {
    n: usize,
    build: Duration,
    per_trace: Timing,
    traces: u64,
}

/// Builds the hub-and-spoke estate of `n` attachments and times its flows.
fn run_hub(n: usize, o: &Options) -> Result<HubResult, String> {
    let text = serde_json::to_string(&hub::estate(n)).map_err(|e| e.to_string())?;
    let parsed = vpc_playground::load::scenario_from_str(&text).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let loaded = from_doc(parsed).map_err(|e| format!("the hub estate does not load: {e}"))?;
    let build = start.elapsed();
    let mut flows = Vec::new();
    for (f, ok) in hub::flows(n) {
        let t = trace(&loaded, &f).map_err(|e| format!("hub: {e}"))?;
        if t.reachable() != ok {
            let (from, to) = (&f.from, &f.to);
            return Err(format!(
                "hub {from} -> {to}: expected reachable={ok}: {}",
                t.explanation
            ));
        }
        flows.push(f);
    }
    time_flows(&loaded, &flows, 1, o.round / 3);
    let (per_trace, traces) = time_flows(&loaded, &flows, o.rounds, o.round);
    Ok(HubResult {
        n,
        build,
        per_trace,
        traces,
    })
}

/// The hub lines, and the big hub's cost per trace against the small hub and the smallest
/// size's mix.
fn print_hub(small: &HubResult, h: &HubResult, smallest: Option<&SizeResult>) {
    println!();
    for h in [small, h] {
        hub_line(h);
    }
    println!(
        "per-trace cost, hub of {} vs hub of {}: {:.2}x (median), {:.2}x (best round)",
        h.n,
        small.n,
        h.per_trace.median / small.per_trace.median,
        h.per_trace.best / small.per_trace.best
    );
    if let Some(s) = smallest {
        println!(
            "per-trace cost, hub of {} vs the {}-VPC mix: {:.2}x (median), {:.2}x (best round); \
             a flow across the hub passes about twice the hops of the mix's average",
            h.n,
            s.n,
            h.per_trace.median / s.per_trace.median,
            h.per_trace.best / s.per_trace.best
        );
    }
}

fn hub_line(h: &HubResult) {
    println!(
        "hub and spoke, 1 transit gateway, {} VPC attachments: build {:.1} ms, {:.0} traces/s, \
         median {:.2} us, best {:.2} us ({} traces)",
        h.n,
        h.build.as_secs_f64() * 1e3,
        1.0 / h.per_trace.median,
        h.per_trace.median * 1e6,
        h.per_trace.best * 1e6,
        h.traces
    );
}

fn main() -> std::process::ExitCode {
    let o = match parse_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bench: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    if let Some((n, file)) = &o.write {
        return match write_estate(*n, file) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    println!(
        "trace mix: {} flow kinds x up to 5 source VPCs; {} rounds of {} ms; median per trace",
        FLOWS.len(),
        o.rounds,
        o.round.as_millis()
    );
    let mut results = Vec::new();
    for &n in &o.sizes {
        match run_size(n, &o) {
            Ok(r) => results.push(r),
            Err(e) => {
                eprintln!("bench: {e}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    print_sizes(&results);
    print_kinds(&results);
    print_growth(&results);
    // The same estate with 2 attachments is the baseline: same hops, smallest tables.
    let hubs = (o.hub > 0).then(|| Ok::<_, String>((run_hub(2, &o)?, run_hub(o.hub, &o)?)));
    let hub = match hubs.transpose() {
        Ok(h) => h,
        Err(e) => {
            eprintln!("bench: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Some((small, big)) = &hub {
        print_hub(small, big, results.first());
    }
    let hub = hub.map(|(_, big)| big);
    if o.json {
        println!();
        println!("{}", json_line(&results, hub.as_ref()));
    }
    std::process::ExitCode::SUCCESS
}

/// One line per estate size: its size, load times and trace rate.
fn print_sizes(results: &[SizeResult]) {
    println!();
    println!(
        "{:>6}  {:>7}  {:>9}  {:>8}  {:>8}  {:>9}  {:>9}  {:>7}  {:>8}",
        "VPCs",
        "routes",
        "JSON MB",
        "parse ms",
        "build ms",
        "traces/s",
        "median us",
        "best us",
        "traces"
    );
    for r in results {
        let mb = format!(
            "{:.1}{}",
            r.json_bytes as f64 / 1e6,
            if r.json_bytes > MAX_INPUT_BYTES {
                "*"
            } else {
                ""
            }
        );
        println!(
            "{:>6}  {:>7}  {:>9}  {:>8.1}  {:>8.1}  {:>9.0}  {:>9.2}  {:>7.2}  {:>8}",
            r.n,
            r.routes,
            mb,
            r.parse.as_secs_f64() * 1e3,
            r.build.as_secs_f64() * 1e3,
            1.0 / r.per_trace.median,
            r.per_trace.median * 1e6,
            r.per_trace.best * 1e6,
            r.traces
        );
    }
    if results.iter().any(|r| r.json_bytes > MAX_INPUT_BYTES) {
        println!(
            "* over the {MAX_INPUT_MIB} MiB input limit: `load` would refuse this file; built from the parsed doc"
        );
    }
}

/// Time per trace for each kind of flow, one column per estate size.
fn print_kinds(results: &[SizeResult]) {
    println!();
    print!("{:<24}", "us per trace: median/best");
    for r in results {
        print!("  {:>13}", format!("{} VPCs", r.n));
    }
    println!();
    for (i, kind) in FLOWS.iter().enumerate() {
        print!("{:<24}", kind.name);
        for r in results {
            let t = r.per_kind[i];
            print!(
                "  {:>13}",
                format!("{:.2}/{:.2}", t.median * 1e6, t.best * 1e6)
            );
        }
        println!();
    }
}

/// How much dearer a trace is at the largest size than at the smallest.
fn print_growth(results: &[SizeResult]) {
    if let (Some(first), Some(last)) = (results.first(), results.last()) {
        if first.n != last.n {
            println!();
            println!(
                "per-trace cost, {} VPCs vs {} VPCs: {:.2}x (median), {:.2}x (best round)",
                last.n,
                first.n,
                last.per_trace.median / first.per_trace.median,
                last.per_trace.best / first.per_trace.best
            );
        }
    }
}
