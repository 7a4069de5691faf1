//! The generator proper, without a database: the reference data it draws
//! from ([`World`]) and the seeded stream of complaints, events and ratings
//! ([`Generator`]), produced in chunks with their final ids.

use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};
use std::collections::{HashMap, HashSet, VecDeque};

use super::life::{live, Cast, Choice, Complaint, Event, Life, Plan, Rating, Rules};
use super::{people, texts};
use crate::domain::deadline::{end_of_day, local_date};
use crate::domain::{Role, TrackingCode};
use crate::server::store::public::search_text;

/// A handling agency and the people who act for it.
#[derive(Debug, Clone)]
pub struct Desk {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub categories: Vec<i64>,
    pub officers: Vec<i64>,
    pub leaders: Vec<i64>,
}

/// What complaints are made of: the database's agencies, categories,
/// communes and staff, and the labelled corpus texts of those agencies.
#[derive(Debug, Clone)]
pub struct World {
    pub desks: Vec<Desk>,
    pub coordinators: Vec<i64>,
    /// `(id, is a ward)`.
    pub communes: Vec<(i64, bool)>,
    /// `(index in desks, title, description)`.
    pub texts: Vec<(usize, &'static str, &'static str)>,
    pub rules: Rules,
}

impl World {
    /// Keeps the agencies that the corpus has texts for and that have an
    /// officer and a leader. `None` when nothing is left to generate from.
    pub fn new(
        mut desks: Vec<Desk>,
        coordinators: Vec<i64>,
        communes: Vec<(i64, bool)>,
        corpus: impl Iterator<Item = (&'static str, &'static str, &'static str)>,
        rules: Rules,
    ) -> Option<Self> {
        desks.retain(|d| !d.officers.is_empty() && !d.leaders.is_empty());
        let index: HashMap<&str, usize> = desks.iter().enumerate().map(|(i, d)| (d.code.as_str(), i)).collect();
        let texts: Vec<_> = corpus
            .filter_map(|(code, title, description)| Some((*index.get(code)?, title, description)))
            .collect();
        if texts.is_empty() || coordinators.is_empty() || communes.is_empty() {
            return None;
        }
        Some(Self {
            desks,
            coordinators,
            communes,
            texts,
            rules,
        })
    }
}

/// Staff accounts as `(id, role, agency id)`, sorted into desks.
pub fn staff_desks(desks: &mut [Desk], staff: &[(i64, Role, i64)]) {
    for desk in desks.iter_mut() {
        desk.officers = staff
            .iter()
            .filter(|(_, role, agency)| *role == Role::Officer && *agency == desk.id)
            .map(|(id, _, _)| *id)
            .collect();
        desk.leaders = staff
            .iter()
            .filter(|(_, role, agency)| *role == Role::Leader && *agency == desk.id)
            .map(|(id, _, _)| *id)
            .collect();
    }
}

/// One transaction's worth of rows, with their ids.
#[derive(Debug, Default)]
pub struct Chunk {
    pub complaints: Vec<Complaint>,
    /// `(id, event)`.
    pub events: Vec<(i64, Event)>,
    pub ratings: Vec<Rating>,
}

/// The stream of generated complaints: deterministic for a seed, a count,
/// a span of years, `now` and the database's reference data.
pub struct Generator {
    world: World,
    rng: StdRng,
    now: i64,
    /// Submission times, oldest first: ids follow time.
    times: Vec<i64>,
    next: usize,
    next_id: i64,
    next_event_id: i64,
    /// Tracking codes in use, packed.
    codes: HashSet<u64>,
    /// The latest complaints, for duplicates to point at.
    recent: VecDeque<(i64, String)>,
}

/// A tracking code's eight ASCII characters as one number.
pub fn pack_code(code: &str) -> u64 {
    code.bytes().fold(0, |acc, b| (acc << 8) | u64::from(b))
}

impl Generator {
    /// `first_id` and `first_event_id` are the next free ids; `taken` the
    /// packed codes already in the database.
    pub fn new(
        world: World,
        seed: u64,
        n: usize,
        years: u32,
        now: i64,
        first_ids: (i64, i64),
        taken: HashSet<u64>,
    ) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut times: Vec<i64> = (0..n).map(|_| submission_time(&mut rng, years, now)).collect();
        times.sort_unstable();
        Self {
            world,
            rng,
            now,
            times,
            next: 0,
            next_id: first_ids.0,
            next_event_id: first_ids.1,
            codes: taken,
            recent: VecDeque::with_capacity(512),
        }
    }

    /// The next `size` complaints (fewer at the end); `None` when all are made.
    pub fn next_chunk(&mut self, size: usize) -> Option<Chunk> {
        if self.next >= self.times.len() {
            return None;
        }
        let end = (self.next + size).min(self.times.len());
        let mut chunk = Chunk {
            complaints: Vec::with_capacity(end - self.next),
            events: Vec::with_capacity((end - self.next) * 8),
            ratings: Vec::new(),
        };
        for i in self.next..end {
            let (complaint, events, rating) = self.complaint(self.times[i]);
            chunk.complaints.push(complaint);
            for event in events {
                chunk.events.push((self.next_event_id, event));
                self.next_event_id += 1;
            }
            chunk.ratings.extend(rating);
        }
        self.next = end;
        Some(chunk)
    }

    fn tracking_code(&mut self) -> String {
        loop {
            let code = TrackingCode::from_random(self.rng.next_u64());
            if self.codes.insert(pack_code(code.as_str())) {
                return code.as_str().to_owned();
            }
        }
    }

    fn complaint(&mut self, submitted_at: i64) -> (Complaint, Vec<Event>, Option<Rating>) {
        let id = self.next_id;
        self.next_id += 1;
        let tracking_code = self.tracking_code();
        let rng = &mut self.rng;
        let world = &self.world;
        let (desk_index, base_title, base_description) = world.texts[rng.gen_range(0..world.texts.len())];
        let desk = &world.desks[desk_index];
        let title = texts::title(rng, base_title);
        let description = texts::description(rng, base_description);
        let category_id = if rng.gen_ratio(9, 10) && !desk.categories.is_empty() {
            Some(desk.categories[rng.gen_range(0..desk.categories.len())])
        } else {
            None
        };
        let (commune_id, address) = if rng.gen_ratio(19, 20) {
            let (id, ward) = world.communes[rng.gen_range(0..world.communes.len())];
            (Some(id), people::address(rng, ward))
        } else {
            (None, String::new())
        };
        // A phone's position: somewhere in the province.
        let (latitude, longitude) = if rng.gen_ratio(7, 20) {
            (Some(rng.gen_range(19.35..20.65)), Some(rng.gen_range(104.65..106.05)))
        } else {
            (None, None)
        };
        let citizen = people::citizen(rng);
        let plan = Plan::sample(rng);
        let other = (world.desks.len() > 1).then(|| {
            let mut i = rng.gen_range(0..world.desks.len() - 1);
            if i >= desk_index {
                i += 1;
            }
            &world.desks[i]
        });
        let chosen_agency_id = match (plan.choice, other) {
            (Choice::Right, _) => Some(desk.id),
            (Choice::Wrong, Some(other)) => Some(other.id),
            _ => None,
        };
        let pick = |rng: &mut StdRng, ids: &[i64]| ids[rng.gen_range(0..ids.len())];
        let cast = Cast {
            agency_id: desk.id,
            agency_name: &desk.name,
            officer: pick(rng, &desk.officers),
            leader: pick(rng, &desk.leaders),
            coordinator: pick(rng, &world.coordinators),
            wrong: other.map(|o| (o.id, o.name.as_str(), pick(rng, &o.officers))),
            earlier: (!self.recent.is_empty()).then(|| self.recent[rng.gen_range(0..self.recent.len())].clone()),
        };
        if self.recent.len() == 500 {
            self.recent.pop_front();
        }
        self.recent.push_back((id, tracking_code.clone()));
        let complaint = Complaint {
            id,
            tracking_code,
            search_text: search_text(&title, &description),
            title,
            description,
            category_id,
            commune_id,
            address,
            latitude,
            longitude,
            citizen_name: citizen.name,
            citizen_phone: citizen.phone,
            citizen_email: citizen.email,
            is_public: rng.gen_ratio(4, 5),
            chosen_agency_id,
            submitted_at,
            ..Complaint::default()
        };
        let mut life = Life::new(complaint, &world.rules, self.now);
        live(&mut life, &plan, &cast, rng);
        (life.complaint, life.events, life.rating)
    }
}

/// Local hours of the day weighted by how often citizens write.
const HOURS: [(i64, u32); 24] = [
    (0, 1),
    (1, 1),
    (2, 1),
    (3, 1),
    (4, 1),
    (5, 2),
    (6, 4),
    (7, 6),
    (8, 10),
    (9, 10),
    (10, 10),
    (11, 9),
    (12, 6),
    (13, 6),
    (14, 9),
    (15, 9),
    (16, 9),
    (17, 8),
    (18, 7),
    (19, 8),
    (20, 8),
    (21, 6),
    (22, 4),
    (23, 2),
];

/// When a complaint was submitted: within the last `years` years, more
/// recently more often (use grows), in the hours people write.
pub fn submission_time(rng: &mut StdRng, years: u32, now: i64) -> i64 {
    let span = f64::from(years.max(1)) * 365.25 * 86_400.0;
    let u: f64 = rng.gen();
    // Two fifths spread evenly, the rest with a density falling linearly
    // with age: four times as many complaints now as `years` ago.
    let age = if rng.gen_ratio(2, 5) { u } else { 1.0 - (1.0 - u).sqrt() };
    let moment = now - (age * span) as i64;
    let day_end = end_of_day(local_date(moment));
    let hour = *people::weighted(rng, &HOURS);
    let at = day_end + 1 - 86_400 + hour * 3_600 + rng.gen_range(0..3_600);
    if at > now - 60 {
        now - rng.gen_range(60..3_600)
    } else {
        at
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::domain::deadline::DeadlinePolicy;
    use crate::domain::ComplaintStatus as S;

    /// A world like the seeded one: every corpus agency, two communes.
    pub fn sample_world() -> World {
        let codes: Vec<&str> = {
            let mut codes: Vec<&str> = crate::server::routing::corpus::labelled().map(|(c, _, _)| c).collect();
            codes.dedup();
            codes
        };
        let desks = codes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let id = i as i64 + 2;
                Desk {
                    id,
                    code: (*code).to_owned(),
                    name: format!("Cơ quan {code}"),
                    categories: vec![id * 10],
                    officers: vec![id * 100],
                    leaders: vec![id * 100 + 1],
                }
            })
            .collect();
        let rules = Rules {
            policy: DeadlinePolicy::default(),
            holidays: Vec::new(),
        };
        World::new(
            desks,
            vec![1],
            vec![(1, true), (2, false)],
            crate::server::routing::corpus::labelled(),
            rules,
        )
        .expect("a world")
    }

    const NOW: i64 = 1_795_000_000;

    fn generate(seed: u64, n: usize) -> Vec<Chunk> {
        let mut generator = Generator::new(sample_world(), seed, n, 2, NOW, (1, 1), HashSet::new());
        std::iter::from_fn(|| generator.next_chunk(1_000)).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let a = generate(5, 300);
        let b = generate(5, 300);
        let c = generate(6, 300);
        let codes = |chunks: &[Chunk]| -> Vec<String> {
            chunks
                .iter()
                .flat_map(|c| c.complaints.iter().map(|c| c.tracking_code.clone()))
                .collect()
        };
        assert_eq!(codes(&a), codes(&b));
        assert_eq!(a[0].events, b[0].events);
        assert_ne!(codes(&a), codes(&c));
    }

    /// The mix of a province's history: most answered, few of them late, a
    /// few refused, the recent ones open in every open status.
    #[test]
    fn the_status_mix_looks_like_a_province() {
        let n = 20_000;
        let chunks = generate(1, n);
        let complaints: Vec<&Complaint> = chunks.iter().flat_map(|c| c.complaints.iter()).collect();
        assert_eq!(complaints.len(), n);
        let share = |f: &dyn Fn(&Complaint) -> bool| complaints.iter().filter(|c| f(c)).count() as f64 / n as f64;
        let answered = share(&|c| c.status().is_answered());
        let late = share(&|c| c.status().is_answered() && c.on_time == Some(false)) / answered;
        let rejected = share(&|c| c.status() == S::Rejected);
        let open = share(&|c| c.status().is_open());
        let overdue = share(&|c| c.status().is_open() && c.deadline_at.is_some_and(|d| d < NOW));
        assert!((0.87..0.95).contains(&answered), "answered {answered}");
        assert!((0.03..0.08).contains(&late), "late {late}");
        assert!((0.04..0.08).contains(&rejected), "rejected {rejected}");
        assert!((0.015..0.06).contains(&open), "open {open}");
        assert!(overdue > 0.005, "some open ones are overdue: {overdue}");
        for status in [
            S::Received,
            S::Assigned,
            S::InProgress,
            S::AwaitingApproval,
            S::Reopened,
        ] {
            assert!(complaints.iter().any(|c| c.status() == status), "none {status}");
        }
        let public = share(&|c| c.is_public);
        assert!((0.77..0.83).contains(&public), "public {public}");
        let rated = chunks.iter().map(|c| c.ratings.len()).sum::<usize>() as f64 / n as f64 / answered;
        assert!((0.5..0.65).contains(&rated), "rated {rated}");
        let events = chunks.iter().map(|c| c.events.len()).sum::<usize>() as f64 / n as f64;
        assert!((5.0..9.0).contains(&events), "{events} events per complaint");
        let first = complaints.first().unwrap().submitted_at;
        assert!(
            NOW - first > 600 * 86_400 && NOW - first <= 731 * 86_400,
            "spread over two years"
        );
        let codes: HashSet<&str> = complaints.iter().map(|c| c.tracking_code.as_str()).collect();
        assert_eq!(codes.len(), n);
    }
}
