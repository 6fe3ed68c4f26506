//! The people, organizations, places, outlets and posts the synthetic corpus names,
//! each with the spellings it reaches English in.
//!
//! Canonical names follow the labels of `../shared/corpus/seeds.labels.jsonl`, so a
//! generated `truth.jsonl` scores with the same `score.py` as the hand-made labels.

/// A person: canonical name, full-name spellings, and the short forms used after the
/// first mention (surname alone, title + surname).
pub struct Person {
    pub canonical: &'static str,
    pub full: &'static [&'static str],
    pub short: &'static [&'static str],
    pub role: &'static str,
}

pub const PERSONS: &[Person] = &[
    Person {
        canonical: "Ali Mamlouk",
        full: &[
            "Ali Mamlouk",
            "Ali Mamluk",
            "Ali Mamlook",
            "General Ali Mamlouk",
        ],
        short: &["Mamlouk", "Mamluk", "Mamlook", "General Mamlouk"],
        role: "the Syrian security chief",
    },
    Person {
        canonical: "Bashar al-Assad",
        full: &[
            "Bashar al-Assad",
            "Bashar Al-Assad",
            "Bashar al-Asad",
            "President Bashar al-Asad",
        ],
        short: &["Assad", "Asad", "al-Assad", "Al-Assad", "President Asad"],
        role: "Syrian president",
    },
    Person {
        canonical: "Recep Tayyip Erdogan",
        full: &[
            "Recep Tayyip Erdogan",
            "Recep Tayyip Erdoğan",
            "Tayyip Erdogan",
        ],
        short: &["Erdogan", "Erdoğan", "President Erdogan"],
        role: "Turkish president",
    },
    Person {
        canonical: "Hakan Fidan",
        full: &["Hakan Fidan"],
        short: &["Fidan"],
        role: "head of Turkish intelligence",
    },
    Person {
        canonical: "Hassan Nasrallah",
        full: &[
            "Hassan Nasrallah",
            "Hasan Nasrallah",
            "Sayyed Hassan Nasrallah",
        ],
        short: &["Nasrallah", "Nasrullah"],
        role: "the Lebanese militant leader",
    },
    Person {
        canonical: "Ayman al-Zawahiri",
        full: &["Ayman al-Zawahiri", "Ayman al-Zawahri", "Ayman Zawahiri"],
        short: &["Zawahiri", "al-Zawahiri", "Zawahri"],
        role: "the jihadist leader",
    },
    Person {
        canonical: "Faisal al-Miqdad",
        full: &["Faisal al-Miqdad", "Faisal Mekdad", "Faysal al-Miqdad"],
        short: &["Miqdad", "Mekdad"],
        role: "Syrian vice foreign minister",
    },
    Person {
        canonical: "Walid al-Muallem",
        full: &["Walid al-Muallem", "Walid Moallem", "Walid al-Moualem"],
        short: &["Muallem", "Moallem"],
        role: "Syrian foreign minister",
    },
    Person {
        canonical: "Qassem Soleimani",
        full: &["Qassem Soleimani", "Qasem Soleimani", "Qassim Suleimani"],
        short: &["Soleimani", "Suleimani"],
        role: "the Iranian commander",
    },
    Person {
        canonical: "Mahmoud Ahmadinejad",
        full: &["Mahmoud Ahmadinejad", "Mahmud Ahmadinejad"],
        short: &["Ahmadinejad"],
        role: "Iranian president",
    },
    Person {
        canonical: "Abdel-Fattah al-Sisi",
        full: &[
            "Abdel-Fattah al-Sisi",
            "Abdel Fattah el-Sisi",
            "Abdul Fattah al-Sisi",
        ],
        short: &["Sisi", "el-Sisi"],
        role: "Egyptian president",
    },
    Person {
        canonical: "Muammar Qaddafi",
        full: &["Muammar Qaddafi", "Moammar Gadhafi", "Muammar al-Qadhafi"],
        short: &["Qaddafi", "Gadhafi", "Qadhafi"],
        role: "Libyan leader",
    },
    Person {
        canonical: "Hosni Mubarak",
        full: &["Hosni Mubarak", "Husni Mubarak"],
        short: &["Mubarak"],
        role: "Egyptian president",
    },
    Person {
        canonical: "Saad Hariri",
        full: &["Saad Hariri", "Saad al-Hariri"],
        short: &["Hariri"],
        role: "Lebanese prime minister",
    },
    Person {
        canonical: "Nouri al-Maliki",
        full: &["Nouri al-Maliki", "Nuri al-Maliki", "Nouri Maliki"],
        short: &["Maliki", "al-Maliki"],
        role: "Iraqi prime minister",
    },
    Person {
        canonical: "Daniel Benjamin",
        full: &["Daniel Benjamin"],
        short: &["Benjamin"],
        role: "counterterrorism coordinator",
    },
    Person {
        canonical: "Jeffrey Feltman",
        full: &["Jeffrey Feltman"],
        short: &["Feltman"],
        role: "assistant secretary of state",
    },
    Person {
        canonical: "Hillary Clinton",
        full: &["Hillary Clinton", "Hillary Rodham Clinton"],
        short: &["Clinton", "Secretary Clinton"],
        role: "secretary of state",
    },
    Person {
        canonical: "Staffan de Mistura",
        full: &["Staffan de Mistura"],
        short: &["de Mistura"],
        role: "the special envoy",
    },
    Person {
        canonical: "Abbas Kamel",
        full: &["Abbas Kamel", "Abbas Kamil"],
        short: &["Kamel", "Kamil"],
        role: "Egyptian intelligence chief",
    },
    Person {
        canonical: "Bruno Kahl",
        full: &["Bruno Kahl"],
        short: &["Kahl"],
        role: "the German intelligence chief",
    },
    Person {
        canonical: "Abu Bakr al-Baghdadi",
        full: &["Abu Bakr al-Baghdadi", "Abu Bakr al-Bagdadi"],
        short: &["Baghdadi", "al-Baghdadi"],
        role: "the self-declared caliph",
    },
];

/// Given names and family names of people no list holds: the generator pairs them,
/// so the extractor must find names from context, in their variant spellings too.
pub const GIVEN: &[&[&str]] = &[
    &["Mohammed", "Muhammad", "Mohamed"],
    &["Hussein", "Husayn", "Hussain"],
    &["Karim", "Kareem"],
    &["Yusuf", "Youssef", "Yousef"],
    &["Omar", "Umar"],
    &["Khaled", "Khalid"],
    &["Ahmed", "Ahmad"],
    &["Samir", "Sameer"],
    &["Tariq", "Tarek"],
    &["Rami"],
    &["Nabil", "Nabeel"],
    &["Mehmet", "Mehmed"],
    &["Laila", "Leila", "Layla"],
    &["Rania"],
    &["Fatima", "Fatma"],
    &["Jamal", "Gamal"],
    &["Walid", "Waleed"],
    &["Ibrahim", "Ebrahim"],
];

pub const FAMILY: &[&[&str]] = &[
    &["Haddad"],
    &["Khoury", "Khouri"],
    &["Qassem", "Kassem", "Qasim"],
    &["Mansour", "Mansur"],
    &["al-Hassan", "al-Hasan", "el-Hassan"],
    &["Nasser", "Nasir"],
    &["Suleiman", "Sulaiman"],
    &["Yilmaz"],
    &["Ozturk", "Öztürk"],
    &["al-Khatib", "al-Khateeb"],
    &["Rahimi"],
    &["Abdallah", "Abdullah"],
    &["Darwish", "Darwiche"],
    &["Shaaban", "Shaban"],
    &["Mikati", "Miqati"],
    &["Jaafari", "Jafari"],
    &["Tlass", "Tlas"],
    &["Makhlouf", "Makhluf"],
];

pub const ROLES: &[&str] = &[
    "a senior official",
    "a spokesman for the ministry",
    "an adviser to the government",
    "a member of parliament",
    "the deputy minister",
    "a former diplomat",
    "an opposition figure",
    "a security official",
];

/// An organization: canonical name and the spellings it is written in.
pub struct Organization {
    pub canonical: &'static str,
    pub names: &'static [&'static str],
}

pub const ORGANIZATIONS: &[Organization] = &[
    Organization {
        canonical: "Hezbollah",
        names: &["Hezbollah", "Hizballah", "Hizbullah"],
    },
    Organization {
        canonical: "al-Qaeda",
        names: &["al-Qaeda", "Al-Qaeda", "al-Qaida", "Al Qaeda"],
    },
    Organization {
        canonical: "Islamic State",
        names: &["Islamic State", "the Islamic State group"],
    },
    Organization {
        canonical: "Hamas",
        names: &["Hamas"],
    },
    Organization {
        canonical: "Muslim Brotherhood",
        names: &["Muslim Brotherhood"],
    },
    Organization {
        canonical: "National Security Bureau",
        names: &["National Security Bureau"],
    },
    Organization {
        canonical: "General Intelligence Directorate",
        names: &["General Intelligence Directorate"],
    },
    Organization {
        canonical: "Reuters",
        names: &["Reuters"],
    },
    Organization {
        canonical: "SANA",
        names: &["SANA"],
    },
    Organization {
        canonical: "United Nations",
        names: &["United Nations", "the UN"],
    },
    Organization {
        canonical: "European Union",
        names: &["European Union", "the EU"],
    },
    Organization {
        canonical: "NATO",
        names: &["NATO"],
    },
    Organization {
        canonical: "Arab League",
        names: &["Arab League"],
    },
    Organization {
        canonical: "CIA",
        names: &["CIA"],
    },
    Organization {
        canonical: "State Department",
        names: &["State Department"],
    },
    Organization {
        canonical: "National Intelligence Organization",
        names: &[
            "National Intelligence Organization",
            "National Intelligence Organisation",
        ],
    },
    Organization {
        canonical: "Free Syrian Army",
        names: &["Free Syrian Army"],
    },
    Organization {
        canonical: "PKK",
        names: &["PKK"],
    },
    Organization {
        canonical: "YPG",
        names: &["YPG"],
    },
    Organization {
        canonical: "International Atomic Energy Agency",
        names: &["International Atomic Energy Agency", "IAEA"],
    },
    Organization {
        canonical: "Human Rights Watch",
        names: &["Human Rights Watch"],
    },
    Organization {
        canonical: "Islamic Revolutionary Guard Corps",
        names: &["Islamic Revolutionary Guard Corps", "Revolutionary Guards"],
    },
];

/// Places by canonical English name.
pub const PLACES: &[&str] = &[
    "Syria",
    "Damascus",
    "Aleppo",
    "Idlib",
    "Lebanon",
    "Beirut",
    "Turkey",
    "Ankara",
    "Istanbul",
    "Egypt",
    "Cairo",
    "Iraq",
    "Baghdad",
    "Iran",
    "Tehran",
    "Jordan",
    "Amman",
    "Saudi Arabia",
    "Riyadh",
    "Qatar",
    "Doha",
    "Israel",
    "Russia",
    "Moscow",
    "United States",
    "Washington",
    "France",
    "Paris",
    "Germany",
    "Berlin",
    "Italy",
    "Rome",
    "Yemen",
    "Libya",
    "Tunisia",
    "Geneva",
    "London",
    "Kuwait",
    "Sudan",
    "Gaza",
];

/// An outlet and the layout its saved pages have.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    /// Middle East Monitor text: tagline, `December 24, 2018 at 1:11 pm`, `Read:` lines.
    MonitorText,
    /// The New Arab text: title twice, `2 min read`, `14 January, 2020`, `Read also:`.
    NewArabText,
    /// Middle East Eye text: `Skip to main content`, no date, closing boilerplate.
    EyeText,
    /// Carnegie text: `Source: Getty`, genre line, `Published on March 5, 2018`.
    CarnegieText,
    /// A web page: `<title>`, `og:site_name`, `article:published_time`, canonical URL.
    Html,
}

pub struct Outlet {
    pub name: &'static str,
    pub slug: &'static str,
    pub domain: &'static str,
    pub layout: Layout,
}

pub const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "Middle East Monitor",
        slug: "memo",
        domain: "www.middleeastmonitor.com",
        layout: Layout::MonitorText,
    },
    Outlet {
        name: "The New Arab",
        slug: "newarab",
        domain: "www.newarab.com",
        layout: Layout::NewArabText,
    },
    Outlet {
        name: "Middle East Eye",
        slug: "mee",
        domain: "www.middleeasteye.net",
        layout: Layout::EyeText,
    },
    Outlet {
        name: "Carnegie Middle East Center",
        slug: "carnegie",
        domain: "carnegie-mec.org",
        layout: Layout::CarnegieText,
    },
    Outlet {
        name: "Al-Monitor",
        slug: "almonitor",
        domain: "www.al-monitor.com",
        layout: Layout::Html,
    },
    Outlet {
        name: "Middle East Eye",
        slug: "mee-web",
        domain: "www.middleeasteye.net",
        layout: Layout::Html,
    },
    Outlet {
        name: "Asharq Al-Awsat",
        slug: "aawsat",
        domain: "english.aawsat.com",
        layout: Layout::Html,
    },
    Outlet {
        name: "Reuters",
        slug: "reuters",
        domain: "www.reuters.com",
        layout: Layout::Html,
    },
];

/// A diplomatic post: the name in reference ids, PlusD's origin, the `FM` line, the
/// routing indicator.
pub struct Post {
    pub ref_name: &'static str,
    pub origin: &'static str,
    pub from: &'static str,
    pub routing: &'static str,
    pub country_tag: &'static str,
    pub place: &'static str,
}

pub const POSTS: &[Post] = &[
    Post {
        ref_name: "DAMASCUS",
        origin: "Embassy Damascus",
        from: "AMEMBASSY DAMASCUS",
        routing: "RUEHDM",
        country_tag: "SY",
        place: "Damascus",
    },
    Post {
        ref_name: "BEIRUT",
        origin: "Embassy Beirut",
        from: "AMEMBASSY BEIRUT",
        routing: "RUEHLB",
        country_tag: "LE",
        place: "Beirut",
    },
    Post {
        ref_name: "ANKARA",
        origin: "Embassy Ankara",
        from: "AMEMBASSY ANKARA",
        routing: "RUEHAK",
        country_tag: "TU",
        place: "Ankara",
    },
    Post {
        ref_name: "ISTANBUL",
        origin: "Consulate Istanbul",
        from: "AMCONSUL ISTANBUL",
        routing: "RUEHIT",
        country_tag: "TU",
        place: "Istanbul",
    },
    Post {
        ref_name: "CAIRO",
        origin: "Embassy Cairo",
        from: "AMEMBASSY CAIRO",
        routing: "RUEHEG",
        country_tag: "EG",
        place: "Cairo",
    },
    Post {
        ref_name: "BAGHDAD",
        origin: "Embassy Baghdad",
        from: "AMEMBASSY BAGHDAD",
        routing: "RUEHGB",
        country_tag: "IZ",
        place: "Baghdad",
    },
    Post {
        ref_name: "AMMAN",
        origin: "Embassy Amman",
        from: "AMEMBASSY AMMAN",
        routing: "RUEHAM",
        country_tag: "JO",
        place: "Amman",
    },
    Post {
        ref_name: "RIYADH",
        origin: "Embassy Riyadh",
        from: "AMEMBASSY RIYADH",
        routing: "RUEHRH",
        country_tag: "SA",
        place: "Riyadh",
    },
    Post {
        ref_name: "DOHA",
        origin: "Embassy Doha",
        from: "AMEMBASSY DOHA",
        routing: "RUEHDO",
        country_tag: "QA",
        place: "Doha",
    },
    Post {
        ref_name: "MOSCOW",
        origin: "Embassy Moscow",
        from: "AMEMBASSY MOSCOW",
        routing: "RUEHMO",
        country_tag: "RS",
        place: "Moscow",
    },
    Post {
        ref_name: "PARIS",
        origin: "Embassy Paris",
        from: "AMEMBASSY PARIS",
        routing: "RUEHFR",
        country_tag: "FR",
        place: "Paris",
    },
    Post {
        ref_name: "LONDON",
        origin: "Embassy London",
        from: "AMEMBASSY LONDON",
        routing: "RUEHLO",
        country_tag: "UK",
        place: "London",
    },
    Post {
        ref_name: "STATE",
        origin: "Secretary of State",
        from: "SECSTATE WASHDC",
        routing: "RUEHC",
        country_tag: "XF",
        place: "Washington",
    },
];

/// Subject TAGS besides the post's country code.
pub const TAGS: &[&str] = &[
    "PREL", "PGOV", "PTER", "PHUM", "ECON", "ETRD", "KNNP", "MARR", "ASEC", "PINR", "KISL", "EFIN",
    "SNAR",
];

/// American officials who sign and classify cables (title, name).
pub const SIGNERS: &[(&str, &str)] = &[
    ("CDA", "Charles Hunter"),
    ("Ambassador", "Margaret Scobey"),
    ("Ambassador", "James Jeffrey"),
    ("Ambassador", "Michele Sison"),
    ("DCM", "Stuart Jones"),
    ("PolCouns", "Andrew Snow"),
    ("Ambassador", "Christopher Hill"),
    ("CDA", "Maura Connelly"),
];
