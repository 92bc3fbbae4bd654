//! Security groups: stateful rules on an interface, and group references (R9, R10).

use super::*;

impl Walker<'_> {
    /// R9: an interface's groups judge a packet. Connection tracking is per interface: a reply
    /// passes without rules only at an interface that saw the request; elsewhere (an
    /// asymmetric path) it is judged as a new flow.
    pub(super) fn groups(
        &mut self,
        eni: EniIdx,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> Result<(), Blocked> {
        if self.net.enis[eni.i()].security_groups.is_empty() {
            return Ok(());
        }
        if self.leg == Leg::Return && self.tracked.contains(&eni) {
            self.sg_stateful(eni, pkt);
            return Ok(());
        }
        match self.sg_check(eni, dir, pkt, ctx) {
            Ok(()) => {
                if self.leg == Leg::Forward {
                    self.tracked.insert(eni);
                }
                Ok(())
            }
            Err(mut b) if self.leg == Leg::Return => {
                // Opening the ephemeral ports is not the fix: the path is.
                b.why.push_str(" This interface never saw the request: the reply takes a different path (asymmetric routing, which AWS does not support), so its groups judge the reply as a new connection. Route the reply back the way the request came.");
                b.fix = None;
                if let Some(h) = self.hops.last_mut() {
                    h.detail = b.why.clone();
                }
                Err(b)
            }
            Err(b) => Err(b),
        }
    }

    pub(super) fn sg_stateful(&mut self, eni: EniIdx, pkt: Header) {
        let e = &self.net.enis[eni.i()];
        let first = self.net.security_groups[e.security_groups[0].i()]
            .id
            .clone();
        self.hop(&first, "security-group", Action::Allow, "Security groups are stateful: the reply of an allowed connection passes without a rule (R9).".into(), pkt);
    }

    /// R9, R10: the union of the interface's groups must allow the packet.
    pub(super) fn sg_check(
        &mut self,
        eni: EniIdx,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> Result<(), Blocked> {
        let e = &self.net.enis[eni.i()];
        let remote = if dir == Direction::Ingress {
            pkt.src
        } else {
            pkt.dst
        };
        let mut any_rules = false;
        for g in &e.security_groups {
            let sg = &self.net.security_groups[g.i()];
            let rules = if dir == Direction::Ingress {
                &sg.ingress
            } else {
                &sg.egress
            };
            any_rules |= !rules.is_empty();
            for (i, r) in rules.iter().enumerate() {
                if self.sg_rule_matches(r, dir, pkt, e, ctx) {
                    let text = sg_rule_text(self.net, r, dir);
                    let (sid, did) = (sg.id.clone(), dir.as_str());
                    let h = self.hop(
                        &sid,
                        "security-group",
                        Action::Allow,
                        format!("{sid} {did} rule \"{text}\" allows it."),
                        pkt,
                    );
                    h.rule = Some(RuleMatch {
                        kind: "security-group",
                        id: sid,
                        direction: did,
                        rule_number: None,
                        index: Some(i),
                        text,
                        action: "allow",
                    });
                    return Ok(());
                }
            }
        }
        let groups: Vec<String> = e
            .security_groups
            .iter()
            .map(|g| self.net.security_groups[g.i()].id.clone())
            .collect();
        let first = groups[0].clone();
        let cidr = suggest::remote_cidr(self.estate(), remote);
        let ports = if pkt.protocol.has_ports() {
            pkt.dst_port.to_string()
        } else {
            "all".into()
        };
        let fix = Fix::new(FixAction::AddSecurityGroupRule {
            group: first.clone(),
            direction: dir,
            protocol: pkt.protocol.to_string(),
            ports,
            cidr,
        });
        let (near_code, near_why) = self.group_reference_miss(e, dir, pkt, ctx);
        let code = if !any_rules {
            Code::SgHasNoRules
        } else {
            near_code.unwrap_or(Code::EniSgRulesMismatch)
        };
        let what = if dir == Direction::Ingress {
            "inbound"
        } else {
            "outbound"
        };
        let peer = if dir == Direction::Ingress {
            format!("from {}", pkt.src)
        } else {
            format!("to {}", pkt.dst)
        };
        let service = PortName(pkt.protocol, pkt.dst_port);
        let why = format!(
            "No {what} rule of {} allows {service} {peer}, so {} {} (security groups deny what no rule allows, R9).",
            groups.join(", "),
            self.eni_label(eni),
            if dir == Direction::Ingress { "refuses the connection" } else { "cannot send it" }
        );
        let why = match near_why {
            Some(extra) => format!("{why} {extra}"),
            None => why,
        };
        Err(self.block(&first, "security-group", code, why, pkt, Some(fix)))
    }

    /// R10: a rule that would match but for its group reference, and why the reference fails.
    pub(super) fn group_reference_miss(
        &self,
        e: &Eni,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> (Option<Code>, Option<String>) {
        for g in &e.security_groups {
            let sg = &self.net.security_groups[g.i()];
            let rules = if dir == Direction::Ingress {
                &sg.ingress
            } else {
                &sg.egress
            };
            for r in rules {
                let ports_ok = !r.protocol.has_ports() || r.ports.contains(pkt.dst_port);
                if !r.protocol.covers(pkt.protocol) || !ports_ok {
                    continue;
                }
                let text = sg_rule_text(self.net, r, dir);
                match &r.peer {
                    SgPeer::UnknownGroup(id) => {
                        return (Some(Code::UnknownPeeredSgs), Some(format!("The rule \"{text}\" names {id}, which is not in this network (another account or Region), so it matches nothing (R10).")));
                    }
                    SgPeer::Group(ref_g) => {
                        let other = if dir == Direction::Ingress {
                            ctx.sender.filter(|s| self.net.enis[s.i()].has_ip(pkt.src))
                        } else {
                            self.eni_for_group_match(e.vpc, pkt.dst)
                        };
                        let gid = &self.net.security_groups[ref_g.i()].id;
                        match other {
                            None if dir == Direction::Ingress => {
                                let how = if ctx.via == Via::Igw {
                                    format!("it came in through the internet gateway from the public address {}, and group references match private addresses only", pkt.src)
                                } else {
                                    "it was rewritten by a NAT gateway or forwarded by an appliance on the way".to_string()
                                };
                                return (Some(Code::SgReferencesNotPreserved), Some(format!("The rule \"{text}\" matches members of {gid}, but this packet carries no security-group identity: {how} (R10).")));
                            }
                            Some(o) if self.net.enis[o.i()].security_groups.contains(ref_g) => {
                                let (a, b) = (
                                    &self.net.vpcs[self.net.enis[o.i()].vpc.i()],
                                    &self.net.vpcs[e.vpc.i()],
                                );
                                let reason = if a.region != b.region {
                                    format!("group references do not work across Regions ({} and {}); use the peer's CIDR instead", a.region, b.region)
                                } else {
                                    "a group in a peered VPC matches only while the peering connection is active".to_string()
                                };
                                return (
                                    Some(Code::UnknownPeeredSgs),
                                    Some(format!(
                                        "The rule \"{text}\" references {gid}, but {reason} (R10)."
                                    )),
                                );
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
        }
        (None, None)
    }

    pub(super) fn sg_rule_matches(
        &self,
        r: &SgRule,
        dir: Direction,
        pkt: Header,
        eni: &Eni,
        ctx: Ctx,
    ) -> bool {
        if !r.protocol.covers(pkt.protocol) {
            return false;
        }
        if r.protocol.has_ports() && !r.ports.contains(pkt.dst_port) {
            return false;
        }
        let remote = if dir == Direction::Ingress {
            pkt.src
        } else {
            pkt.dst
        };
        match &r.peer {
            SgPeer::Cidr(c) => c.contains(&remote),
            SgPeer::PrefixList(p) => self.net.prefix_lists[p.i()]
                .cidrs
                .iter()
                .any(|c| c.contains(&remote)),
            SgPeer::UnknownGroup(_) => false,
            SgPeer::Group(g) => {
                let other = if dir == Direction::Ingress {
                    ctx.sender.filter(|s| self.net.enis[s.i()].has_ip(pkt.src))
                } else {
                    self.eni_for_group_match(eni.vpc, pkt.dst)
                };
                match other {
                    Some(o) => {
                        let oe = &self.net.enis[o.i()];
                        oe.security_groups.contains(g) && self.sg_reference_ok(oe.vpc, eni.vpc)
                    }
                    None => false,
                }
            }
        }
    }

    /// R10: a group reference matches within the VPC, or across an active same-Region peering.
    pub(super) fn sg_reference_ok(&self, a: VpcIdx, b: VpcIdx) -> bool {
        a == b
            || (self.net.vpcs[a.i()].region == self.net.vpcs[b.i()].region
                && self.ix.active_peering(self.net, a, b).is_some())
    }

    pub(super) fn eni_for_group_match(&self, vpc: VpcIdx, ip: Ipv4Addr) -> Option<EniIdx> {
        if let Some(e) = self.ix.eni_by_ip.get(&(vpc, ip)) {
            return Some(*e);
        }
        for p in self.ix.peerings_of.get(&vpc).into_iter().flatten() {
            let pc = &self.net.peerings[p.i()];
            if let Some(other) = pc.other_side(vpc) {
                if let Some(e) = self.ix.eni_by_ip.get(&(other, ip)) {
                    return Some(*e);
                }
            }
        }
        None
    }
}
