//! What is built last: buckets, and checks across the whole network (duplicate addresses).

use super::Builder;
use crate::load::scenario::*;
use crate::model::*;
use std::collections::HashMap;
use std::net::Ipv4Addr;

impl Builder<'_> {
    pub(super) fn buckets(&mut self, doc: &ScenarioDoc) {
        for (i, bk) in doc.buckets.iter().enumerate() {
            let policy = bk
                .policy
                .as_ref()
                .and_then(|p| match crate::policy::parse(p) {
                    Ok(v) => Some(v),
                    Err(msg) => {
                        self.d
                            .error(&bk.name, &format!("buckets[{i}].policy"), msg.to_string());
                        None
                    }
                });
            self.net.buckets.push(Bucket {
                name: bk.name.clone(),
                policy,
            });
        }
    }

    pub(super) fn checks(&mut self) {
        self.edge_routes();
        // Interfaces whose address appears twice in a VPC.
        let mut seen: HashMap<(VpcIdx, Ipv4Addr), String> = HashMap::new();
        let mut dups = Vec::new();
        for e in &self.net.enis {
            for ip in std::iter::once(&e.private_ip).chain(&e.secondary_ips) {
                if let Some(prev) = seen.insert((e.vpc, *ip), e.id.clone()) {
                    dups.push((e.id.clone(), *ip, prev));
                }
            }
        }
        for (id, ip, prev) in dups {
            self.d.error(
                &id,
                "private_ip",
                format!("{ip} is also used by {prev}; addresses in a VPC are unique"),
            );
        }
        let mut pubs: HashMap<Ipv4Addr, String> = HashMap::new();
        let mut dups = Vec::new();
        for e in &self.net.enis {
            if let Some(p) = e.public_ip {
                if let Some(prev) = pubs.insert(p, e.id.clone()) {
                    dups.push((e.id.clone(), p, prev));
                }
            }
        }
        for (id, ip, prev) in dups {
            self.d.error(
                &id,
                "public_ip",
                format!("{ip} is also used by {prev}; a public IP belongs to one interface"),
            );
        }
    }

    /// R23: a gateway route table routes the VPC's block, or a whole subnet, to `local` or to
    /// an interface (an appliance); AWS refuses other routes there.
    fn edge_routes(&mut self) {
        let net = &self.net;
        let mut bad = Vec::new();
        let igws = net.internet_gateways.iter().map(|g| g.edge_table);
        let vgws = net.vpn_gateways.iter().map(|g| g.edge_table);
        for rtb in igws.chain(vgws) {
            let Some(rtb) = rtb else { continue };
            let table = &net.route_tables[rtb.i()];
            let vpc = &net.vpcs[table.vpc.i()];
            for r in &table.routes {
                let Destination::Cidr(c) = r.destination else {
                    bad.push((table.id.clone(), net.destination_text(&r.destination)));
                    continue;
                };
                let whole = vpc.cidrs.contains(&c)
                    || net
                        .subnets
                        .iter()
                        .any(|s| s.vpc == table.vpc && s.cidr == c);
                let target_ok = matches!(r.target, Target::Local | Target::NetworkInterface(_));
                if !whole || !target_ok {
                    bad.push((table.id.clone(), c.to_string()));
                }
            }
        }
        for (table, dest) in bad {
            self.d.error(
                &table,
                "routes",
                format!(
                    "the route for {dest} cannot be in a gateway route table: it may route only the \
                     VPC's block or a whole subnet, to local or to a network interface (R23)"
                ),
            );
        }
    }
}
