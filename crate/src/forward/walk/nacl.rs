//! Network ACLs: stateless rules at the subnet boundary, first match by number (R7, R8).

use super::*;

impl Walker<'_> {
    /// R7, R8: the subnet's ACL, first matching rule by number, stateless in both directions.
    pub(super) fn nacl(
        &mut self,
        subnet: SubnetIdx,
        dir: Direction,
        pkt: Header,
    ) -> Result<(), Blocked> {
        let s = &self.net.subnets[subnet.i()];
        let acl = &self.net.nacls[s.nacl.i()];
        let rules = if dir == Direction::Ingress {
            &acl.ingress
        } else {
            &acl.egress
        };
        let remote = if dir == Direction::Ingress {
            pkt.src
        } else {
            pkt.dst
        };
        let hit = rules
            .iter()
            .find(|r| r.matches(remote, pkt.protocol, pkt.dst_port));
        let (aid, sid, did) = (acl.id.clone(), s.id.clone(), dir.as_str());
        let vpc_id = self.net.vpcs[s.vpc.i()].id.clone();
        let (number, text, allow) = match hit {
            Some(r) => (
                Some(r.number),
                nacl_rule_text(r),
                r.action == NaclAction::Allow,
            ),
            None => (
                None,
                "* all traffic deny (the final rule)".to_string(),
                false,
            ),
        };
        if allow {
            let h = self.hop(
                &aid,
                "network-acl",
                Action::Allow,
                format!("{aid} ({did} of {sid}) rule {text} allows it."),
                pkt,
            );
            h.vpc = Some(vpc_id);
            h.subnet = Some(sid);
            h.rule = Some(RuleMatch {
                kind: "network-acl",
                id: aid,
                direction: did,
                rule_number: number,
                index: None,
                text,
                action: "allow",
            });
            return Ok(());
        }
        // Suggest an allow rule that comes before the one that denied.
        let used: HashSet<u16> = rules.iter().map(|r| r.number).collect();
        let rule_no = match number {
            Some(n) => (1..n).rev().find(|k| !used.contains(k)),
            None => {
                let max = rules.iter().map(|r| r.number).max().unwrap_or(0);
                let next = (max / 10 + 1) * 10;
                (next..=32766).find(|k| !used.contains(k))
            }
        };
        let ephemeral =
            self.leg == Leg::Return || pkt.dst_port == NAT_PORT || pkt.dst_port == CLIENT_PORT;
        let ports = if !pkt.protocol.has_ports() {
            "all".to_string()
        } else if ephemeral {
            "1024-65535".to_string()
        } else {
            pkt.dst_port.to_string()
        };
        let fix = rule_no.map(|rule| {
            Fix::new(FixAction::AddNetworkAclRule {
                network_acl: aid.clone(),
                direction: dir,
                rule,
                protocol: pkt.protocol.to_string(),
                ports: ports.clone(),
                cidr: suggest::remote_cidr(self.estate(), remote),
            })
        });
        let stateless = if ephemeral {
            " Network ACLs are stateless, so replies need their own rule for the ephemeral ports 1024-65535 (R8)."
        } else {
            ""
        };
        let way = if dir == Direction::Ingress {
            "entering"
        } else {
            "leaving"
        };
        let why = format!(
            "Network ACL {aid} blocks {} {way} subnet {sid}: rule {text} matches first.{stateless}",
            PortName(pkt.protocol, pkt.dst_port)
        );
        let b = self.block(
            &aid,
            "network-acl",
            Code::SubnetAclRestriction,
            why,
            pkt,
            fix,
        );
        if let Some(h) = self.hops.last_mut() {
            h.vpc = Some(vpc_id);
            h.subnet = Some(sid);
            h.rule = Some(RuleMatch {
                kind: "network-acl",
                id: aid,
                direction: did,
                rule_number: number,
                index: None,
                text,
                action: "deny",
            });
        }
        Err(b)
    }
}
