//! Security groups: stateful rules on an interface, and group references (R9, R10).

use super::*;

/// The rules of `sg` on the `dir` side.
fn side(sg: &SecurityGroup, dir: Direction) -> &[SgRule] {
    match dir {
        Direction::Ingress => &sg.ingress,
        Direction::Egress => &sg.egress,
    }
}

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
    ) -> Result<(), Box<Blocked>> {
        if self.net.enis[eni.i()].security_groups.is_empty() {
            return Ok(());
        }
        if self.leg == Leg::Return && self.tracked.contains(&eni) {
            self.sg_stateful(eni, pkt);
            return Ok(());
        }
        match self.sg_check(eni, dir, pkt, ctx) {
            Ok(()) => {
                if self.leg == Leg::Forward && !self.tracked.contains(&eni) {
                    self.tracked.push(eni);
                }
                Ok(())
            }
            Err(mut b) => {
                if let (
                    Leg::Return,
                    Reason::SgNoRule {
                        untracked_reply, ..
                    },
                ) = (self.leg, &mut b.reason)
                {
                    // Opening the ephemeral ports is not the fix: the path is.
                    *untracked_reply = true;
                }
                Err(b)
            }
        }
    }

    fn sg_stateful(&mut self, eni: EniIdx, pkt: Header) {
        let e = &self.net.enis[eni.i()];
        let first = self.net.security_groups[e.security_groups[0].i()]
            .id
            .clone();
        self.hop(
            &first,
            Component::SecurityGroup,
            Action::Allow,
            Event::SgStateful,
            pkt,
        );
    }

    /// R9, R10: the union of the interface's groups must allow the packet.
    fn sg_check(
        &mut self,
        eni: EniIdx,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> Result<(), Box<Blocked>> {
        let e = &self.net.enis[eni.i()];
        let mut any_rules = false;
        for g in &e.security_groups {
            let sg = &self.net.security_groups[g.i()];
            let rules = side(sg, dir);
            any_rules |= !rules.is_empty();
            if let Some(i) = rules
                .iter()
                .position(|r| self.sg_rule_matches(r, dir, pkt, e, ctx))
            {
                self.sg_allow(sg, &rules[i], i, dir, pkt);
                return Ok(());
            }
        }
        let groups: Vec<String> = e
            .security_groups
            .iter()
            .map(|g| self.net.security_groups[g.i()].id.clone())
            .collect();
        let first = groups[0].clone();
        let reason = Reason::SgNoRule {
            groups,
            interface: self.eni_label(eni),
            direction: dir,
            protocol: pkt.protocol,
            port: pkt.dst_port,
            remote: match dir {
                Direction::Ingress => pkt.src,
                Direction::Egress => pkt.dst,
            },
            no_rules: !any_rules,
            reference: self.group_reference_miss(e, dir, pkt, ctx),
            untracked_reply: false,
        };
        Err(self.block(&first, Component::SecurityGroup, reason, pkt))
    }

    /// Records the rule of `sg` that allowed the packet.
    fn sg_allow(&mut self, sg: &SecurityGroup, r: &SgRule, i: usize, dir: Direction, pkt: Header) {
        let text = if self.brief {
            String::new()
        } else {
            sg_rule_text(self.net, r, dir)
        };
        let sid = sg.id.clone();
        let event = Event::SgAllows {
            group: sid.clone(),
            direction: dir,
            rule: text.clone(),
        };
        let h = self.hop(&sid, Component::SecurityGroup, Action::Allow, event, pkt);
        h.rule = Some(RuleMatch {
            kind: RuleKind::SecurityGroup,
            id: sid,
            direction: dir,
            rule_number: None,
            index: Some(i),
            text,
            action: RuleAction::Allow,
        });
    }

    /// R10: a rule that would match but for its group reference, and why the reference fails.
    fn group_reference_miss(
        &self,
        e: &Eni,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> Option<GroupReference> {
        for g in &e.security_groups {
            for r in side(&self.net.security_groups[g.i()], dir) {
                let ports_ok = !r.protocol.has_ports() || r.ports.contains(pkt.dst_port);
                if !r.protocol.covers(pkt.protocol) || !ports_ok {
                    continue;
                }
                if let Some(miss) = self.reference_miss(r, e, dir, pkt, ctx) {
                    return Some(miss);
                }
            }
        }
        None
    }

    /// Why rule `r`'s group reference does not match this packet, if it is one that fails.
    fn reference_miss(
        &self,
        r: &SgRule,
        e: &Eni,
        dir: Direction,
        pkt: Header,
        ctx: Ctx,
    ) -> Option<GroupReference> {
        let rule = sg_rule_text(self.net, r, dir);
        let ref_g = match &r.peer {
            SgPeer::UnknownGroup(id) => {
                return Some(GroupReference::UnknownGroup {
                    rule,
                    group: id.clone(),
                })
            }
            SgPeer::Group(g) => *g,
            _ => return None,
        };
        let other = if dir == Direction::Ingress {
            ctx.sender.filter(|s| self.net.enis[s.i()].has_ip(pkt.src))
        } else {
            self.eni_for_group_match(e.vpc, pkt.dst)
        };
        let group = self.net.security_groups[ref_g.i()].id.clone();
        match other {
            // [TOPT]: referencing across a transit gateway is off by default (not modelled).
            None if dir == Direction::Ingress && ctx.via == Via::Tgw => {
                Some(GroupReference::AcrossTransitGateway { rule, group })
            }
            None if dir == Direction::Ingress => Some(GroupReference::NoIdentity {
                rule,
                group,
                public_source: (ctx.via == Via::Igw).then_some(pkt.src),
            }),
            Some(o) if self.net.enis[o.i()].security_groups.contains(&ref_g) => {
                let (a, b) = (
                    &self.net.vpcs[self.net.enis[o.i()].vpc.i()],
                    &self.net.vpcs[e.vpc.i()],
                );
                Some(if a.region != b.region {
                    GroupReference::AcrossRegions {
                        rule,
                        group,
                        from: a.region.clone(),
                        to: b.region.clone(),
                    }
                } else {
                    GroupReference::PeeringInactive { rule, group }
                })
            }
            _ => None,
        }
    }

    fn sg_rule_matches(
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
    fn sg_reference_ok(&self, a: VpcIdx, b: VpcIdx) -> bool {
        a == b
            || (self.net.vpcs[a.i()].region == self.net.vpcs[b.i()].region
                && self.ix.active_peering(self.net, a, b).is_some())
    }

    fn eni_for_group_match(&self, vpc: VpcIdx, ip: Ipv4Addr) -> Option<EniIdx> {
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
