//! Network ACLs: stateless rules at the subnet boundary, first match by number (R7, R8).

use super::*;

impl Walker<'_> {
    /// R7, R8: the subnet's ACL, first matching rule by number, stateless in both directions.
    pub(super) fn nacl(
        &mut self,
        subnet: SubnetIdx,
        dir: Direction,
        pkt: Header,
    ) -> Result<(), Box<Blocked>> {
        let s = &self.net.subnets[subnet.i()];
        let acl = &self.net.nacls[s.nacl.i()];
        let rules = match dir {
            Direction::Ingress => &acl.ingress,
            Direction::Egress => &acl.egress,
        };
        let remote = match dir {
            Direction::Ingress => pkt.src,
            Direction::Egress => pkt.dst,
        };
        let hit = rules
            .iter()
            .find(|r| r.matches(remote, pkt.protocol, pkt.dst_port));
        let (aid, sid) = (acl.id.clone(), s.id.clone());
        let vpc_id = self.net.vpcs[s.vpc.i()].id.clone();
        let (number, text, allow) = match hit {
            // A verdict alone shows no rule text.
            Some(r) if self.brief => (Some(r.number), String::new(), r.action == NaclAction::Allow),
            Some(r) => (Some(r.number), r.to_string(), r.action == NaclAction::Allow),
            None => (
                None,
                "* all traffic deny (the final rule)".to_string(),
                false,
            ),
        };
        let rule = RuleMatch {
            kind: RuleKind::NetworkAcl,
            id: aid.clone(),
            direction: dir,
            rule_number: number,
            index: None,
            text: text.clone(),
            action: if allow {
                RuleAction::Allow
            } else {
                RuleAction::Deny
            },
        };
        let blocked = if allow {
            let event = Event::AclAllows {
                acl: aid.clone(),
                direction: dir,
                subnet: sid.clone(),
                rule: text,
            };
            self.hop(&aid, Component::NetworkAcl, Action::Allow, event, pkt);
            None
        } else {
            let reason = Reason::AclDenied {
                acl: aid.clone(),
                subnet: sid.clone(),
                direction: dir,
                rule: number,
                rule_text: text,
                protocol: pkt.protocol,
                port: pkt.dst_port,
                remote,
                // Replies, and requests to the ports NAT gateways and clients reply from.
                ephemeral: self.leg == Leg::Return
                    || pkt.dst_port == NAT_PORT
                    || pkt.dst_port == CLIENT_PORT,
            };
            Some(self.block(&aid, Component::NetworkAcl, reason, pkt))
        };
        if let Some(h) = self.hops.last_mut() {
            h.vpc = Some(vpc_id);
            h.subnet = Some(sid);
            h.rule = Some(rule);
        }
        match blocked {
            Some(b) => Err(b),
            None => Ok(()),
        }
    }
}
