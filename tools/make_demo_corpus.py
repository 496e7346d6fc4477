"""Generate the synthetic en/ru/zh parallel corpus the demo translation models are trained on.

Why: the toolkit ships tiny demo models so that ``toolkit translate`` works offline out of the
box. They are trained on this corpus: press-release sentences built from templates (universities,
agreements, forums, delegations, laboratories, dates, numbers), every sentence of the bundled
example (examples/press-release.*.md), sentences with opaque protection tokens ``｟0｠``..``｟9｠``
that must be copied, URLs / e-mails / snake_case identifiers that must be kept verbatim, and
short UI strings. Russian case forms come from hand-written declension rules (tools/ru_decline.py).

Run (seeded, reproducible, < 2 s):

    python tools/make_demo_corpus.py                 # writes tools/demo_corpus/{en-ru,en-zh}.tsv
    python tools/make_demo_corpus.py --show-cases    # print every declined phrase for review

Each TSV line is ``english<TAB>translation``; both files hold the same English sentences in the
same order (they are projections of one list of en/ru/zh triples).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ru_decline import count_form, decline, fixed, gen_count_form  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "tools" / "demo_corpus"
EXAMPLES = ROOT / "examples"
SEED = 20260624
TOKENS = [f"｟{i}｠" for i in range(10)]

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class NP:
    """A noun phrase in three languages; ``ru`` maps case name -> form."""

    en: str
    ru: dict[str, str]
    zh: str
    gender: str = "m"  # for Russian past-tense agreement: m, f, n

    def past(self, m: str, f: str, n: str) -> str:
        return {"m": m, "f": f, "n": n}[self.gender]


def np_(en: str, ru: str, zh: str, gender: str = "m", animate: bool = False) -> NP:
    return NP(en, decline(ru, gender, animate), zh, gender)


def np_fixed(en: str, ru: str, zh: str, gender: str = "m") -> NP:
    return NP(en, fixed(ru), zh, gender)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# --- entities (preferred names from notes/ENTITIES.md) -------------------------------------------

SPBPU = [
    np_(
        "Peter the Great St. Petersburg Polytechnic University",
        "Санкт-Петербургский*a политехнический*a университет* Петра Великого",
        "圣彼得堡彼得大帝理工大学",
    ),
    np_fixed("SPbPU", "СПбПУ", "圣彼得堡理工大学"),
    np_("the Polytechnic University", "Политехнический*a университет*", "圣彼得堡理工大学"),
    np_("Polytech", "Политех*", "圣彼得堡理工大学"),
]
PARTNERS = [
    np_(
        "the Jiangsu Industrial Technology Research Institute",
        "Институт* промышленных технологий провинции Цзянсу",
        "江苏省产业技术研究院",
    ),
    np_fixed("JITRI", "JITRI", "江苏省产业技术研究院"),
    np_(
        "the Nanjing Municipal Science and Technology Bureau",
        "Комитет* по науке и технологиям города Нанкина",
        "南京市科学技术局",
    ),
    np_(
        "the Russian-Chinese Innovation Alliance",
        "Российско-китайский*a инновационный*a альянс*",
        "中俄创新联盟",
    ),
    np_fixed("RCIA", "РКИА", "中俄创新联盟"),
    np_(
        "the Internet Initiatives Development Fund",
        "Фонд* развития интернет-инициатив",
        "互联网创业发展基金",
    ),
    np_fixed("IIDF", "ФРИИ", "互联网创业发展基金"),
    np_(
        "the Ministry of Science and Technology of the People's Republic of China",
        "Министерство* науки и технологий КНР",
        "中华人民共和国科学技术部",
        "n",
    ),
    np_("GlobalTech IP", "компания* GlobalTech IP", "GlobalTech IP", "f"),
    np_("Ingria Technopark", "технопарк* «Ингрия»", "英格里亚科技园"),
]
UNIVERSITIES = [
    np_("Nanjing University", "Нанкинский*a университет*", "南京大学"),
    np_("Southeast University", "Юго-Восточный*a университет*", "东南大学"),
    np_("Zhejiang University", "Чжэцзянский*a университет*", "浙江大学"),
    np_("Peking University", "Пекинский*a университет*", "北京大学"),
    np_("Tsinghua University", "Университет* Цинхуа", "清华大学"),
    np_("Fudan University", "Университет* Фудань", "复旦大学"),
    np_(
        "Harbin Institute of Technology",
        "Харбинский*a политехнический*a институт*",
        "哈尔滨工业大学",
    ),
    np_("Moscow State University", "Московский*a государственный*a университет*", "莫斯科国立大学"),
    np_(
        "Tomsk Polytechnic University",
        "Томский*a политехнический*a университет*",
        "托木斯克理工大学",
    ),
    np_("Kazan Federal University", "Казанский*a федеральный*a университет*", "喀山联邦大学"),
    np_("Ural Federal University", "Уральский*a федеральный*a университет*", "乌拉尔联邦大学"),
    np_(
        "Novosibirsk State University",
        "Новосибирский*a государственный*a университет*",
        "新西伯利亚国立大学",
    ),
    np_("ITMO University", "Университет* ИТМО", "ITMO大学"),
    np_("Shanghai Jiao Tong University", "Шанхайский*a университет* Цзяотун", "上海交通大学"),
    np_(
        "Nanjing University of Science and Technology",
        "Нанкинский*a университет* науки и технологий",
        "南京理工大学",
    ),
]
ORGS = SPBPU + PARTNERS[:3] + PARTNERS[5:7] + UNIVERSITIES  # things that sign and visit
ACTORS = SPBPU + UNIVERSITIES + [PARTNERS[0], PARTNERS[1]]

CITIES = [
    np_("Nanjing", "Нанкин*", "南京"),
    np_("St. Petersburg", "Санкт-Петербург*", "圣彼得堡"),
    np_("Moscow", "Москва*", "莫斯科", "f"),
    np_("Shanghai", "Шанхай*", "上海"),
    np_("Beijing", "Пекин*", "北京"),
    np_("Harbin", "Харбин*", "哈尔滨"),
    np_("Kazan", "Казань*", "喀山", "f"),
    np_("Novosibirsk", "Новосибирск*", "新西伯利亚"),
    np_("Yekaterinburg", "Екатеринбург*", "叶卡捷琳堡"),
    np_("Tomsk", "Томск*", "托木斯克"),
    np_fixed("Suzhou", "Сучжоу", "苏州"),
    np_fixed("Hangzhou", "Ханчжоу", "杭州"),
    np_fixed("Wuxi", "Уси", "无锡"),
    np_fixed("Changzhou", "Чанчжоу", "常州"),
]

# (en, ru with animate declension, zh, gender)
PEOPLE = [
    np_("Andrei Rudskoy", "Андрей* Рудской*a", "安德烈·鲁德斯科伊", "m", True),
    np_("Dmitry Arseniev", "Дмитрий* Арсеньев*s", "德米特里·阿尔谢尼耶夫", "m", True),
    np_("Ivan Petrov", "Иван* Петров*s", "伊万·彼得罗夫", "m", True),
    np_("Sergei Volkov", "Сергей* Волков*s", "谢尔盖·沃尔科夫", "m", True),
    np_("Alexei Smirnov", "Алексей* Смирнов*s", "阿列克谢·斯米尔诺夫", "m", True),
    np_("Mikhail Orlov", "Михаил* Орлов*s", "米哈伊尔·奥尔洛夫", "m", True),
    np_("Anna Ivanova", "Анна* Иванова*s", "安娜·伊万诺娃", "f", True),
    np_("Elena Kuznetsova", "Елена* Кузнецова*s", "叶莲娜·库兹涅佐娃", "f", True),
]
# Chinese names: used in the nominative only (their Russian declension varies by style guide).
CN_PEOPLE = [
    np_fixed("Wang Lei", "Ван Лэй", "王磊"),
    np_fixed("Li Ming", "Ли Мин", "李明"),
    np_fixed("Zhang Wei", "Чжан Вэй", "张伟"),
    np_fixed("Liu Yang", "Лю Ян", "刘洋"),
    np_fixed("Chen Jing", "Чэнь Цзин", "陈静", "f"),
    np_fixed("Zhao Min", "Чжао Минь", "赵敏", "f"),
]

# fields: (en, ru genitive, zh)
FIELDS = [
    ("robotics", "робототехники", "机器人"),
    ("artificial intelligence", "искусственного интеллекта", "人工智能"),
    ("new materials", "новых материалов", "新材料"),
    (
        "advanced manufacturing technologies",
        "передовых производственных технологий",
        "先进制造技术",
    ),
    ("energy", "энергетики", "能源"),
    ("biotechnology", "биотехнологий", "生物技术"),
    ("digital engineering", "цифрового инжиниринга", "数字工程"),
    ("microelectronics", "микроэлектроники", "微电子"),
    ("additive manufacturing", "аддитивного производства", "增材制造"),
    ("smart cities", "умных городов", "智慧城市"),
    ("quantum computing", "квантовых вычислений", "量子计算"),
    ("machine learning", "машинного обучения", "机器学习"),
    ("hydrogen energy", "водородной энергетики", "氢能"),
    ("logistics", "логистики", "物流"),
    ("mechanical engineering", "машиностроения", "机械工程"),
    ("environmental protection", "охраны окружающей среды", "环境保护"),
]

EVENTS = [
    np_("Nanjing Innovation Week", "Неделя* инноваций в Нанкине", "南京创新周", "f"),
    np_(
        "the Russian-Chinese Innovation Forum",
        "Российско-китайский*a инновационный*a форум*",
        "中俄创新论坛",
    ),
    np_("the International Youth Forum", "Международный*a молодёжный*a форум*", "国际青年论坛"),
    np_("the technology transfer seminar", "семинар* по трансферу технологий", "技术转移研讨会"),
    np_("the summer school", "летняя*a школа*", "暑期学校", "f"),
    np_("the startup exhibition", "выставка* стартапов", "创业项目展览会", "f"),
    np_(
        "the conference on digital industry",
        "конференция* по цифровой промышленности",
        "数字工业会议",
        "f",
    ),
    np_("the round table", "круглый*a стол*", "圆桌会议"),
]

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_RU_GEN = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
MONTHS_RU_PREP = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
]


def date(rng: random.Random) -> Triple:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2030)
    if rng.random() < 0.25:
        num = f"{d:02d}.{m:02d}.{y}"
        return num, num, f"{y}年{m}月{d}日"
    return f"{d} {MONTHS_EN[m - 1]} {y}", f"{d} {MONTHS_RU_GEN[m - 1]} {y} года", f"{y}年{m}月{d}日"


def month(rng: random.Random) -> Triple:
    m, y = rng.randint(1, 12), rng.randint(2019, 2030)
    return f"{MONTHS_EN[m - 1]} {y}", f"{MONTHS_RU_PREP[m - 1]} {y} года", f"{y}年{m}月"


# --- sentence templates -----


def _two(rng: random.Random, pool: list[NP]) -> tuple[NP, NP]:
    a, b = rng.sample(pool, 2)
    return a, b


def t_signed(rng: random.Random) -> Triple:
    a, b = _two(rng, ORGS)
    return (
        f"{cap(a.en)} signed a cooperation agreement with {b.en}.",
        f"{cap(a.ru['nom'])} {a.past('подписал', 'подписала', 'подписало')} соглашение о "
        f"сотрудничестве с {b.ru['ins']}.",
        f"{a.zh}与{b.zh}签署了合作协议。",
    )


def t_signed_city(rng: random.Random) -> Triple:
    c = rng.choice(CITIES)
    de, dr, dz = date(rng)
    return (
        f"The agreement was signed in {c.en} on {de}.",
        f"Соглашение было подписано в {c.ru['prep']} {dr}.",
        f"协议于{dz}在{c.zh}签署。",
    )


def t_delegation_visit(rng: random.Random) -> Triple:
    o, c = rng.choice(ACTORS), rng.choice(CITIES)
    return (
        f"A delegation of {o.en} visited {c.en}.",
        f"Делегация {o.ru['gen']} посетила {c.ru['acc']}.",
        f"{o.zh}代表团访问了{c.zh}。",
    )


def t_headed(rng: random.Random) -> Triple:
    o, p = rng.choice(ACTORS), rng.choice(PEOPLE)
    return (
        f"The delegation of {o.en} was headed by {p.en}.",
        f"Делегацию {o.ru['gen']} {p.past('возглавил', 'возглавила', '')} {p.ru['nom']}.",
        f"{o.zh}代表团由{p.zh}率领。",
    )


def t_rector(rng: random.Random) -> Triple:
    o, p = rng.choice(ACTORS[:4] + UNIVERSITIES), rng.choice(PEOPLE)
    role = rng.choice(
        [
            ("Rector", "ректор", "校长"),
            (
                "Vice-Rector for International Affairs",
                "проректор по международной деятельности",
                "负责国际事务的副校长",
            ),
            ("Professor", "профессор", "教授"),
        ]
    )
    e = rng.choice(EVENTS)
    return (
        f"{role[0]} of {o.en} {p.en} took part in {e.en}.",
        f"{cap(role[1])} {o.ru['gen']} {p.ru['nom']} {p.past('принял', 'приняла', '')} участие "
        f"в {e.ru['prep']}.",
        f"{o.zh}{role[2]}{p.zh}参加了{e.zh}。",
    )


def t_met(rng: random.Random) -> Triple:
    p, o = rng.choice(PEOPLE + CN_PEOPLE), rng.choice(ACTORS)
    return (
        f"{p.en} met with the delegation of {o.en}.",
        f"{p.ru['nom']} {p.past('встретился', 'встретилась', '')} с делегацией {o.ru['gen']}.",
        f"{p.zh}会见了{o.zh}代表团。",
    )


def t_lab(rng: random.Random) -> Triple:
    o, f, c = rng.choice(ACTORS), rng.choice(FIELDS), rng.choice(CITIES)
    return (
        f"{cap(o.en)} opened a new {f[0]} laboratory in {c.en}.",
        f"{cap(o.ru['nom'])} {o.past('открыл', 'открыла', 'открыло')} в {c.ru['prep']} новую "
        f"лабораторию {f[1]}.",
        f"{o.zh}在{c.zh}开设了新的{f[2]}实验室。",
    )


def t_joint_center(rng: random.Random) -> Triple:
    a, b = _two(rng, ORGS)
    f = rng.choice(FIELDS)
    return (
        f"{cap(a.en)} and {b.en} will create a joint {f[0]} center.",
        f"{cap(a.ru['nom'])} и {b.ru['nom']} создадут совместный центр {f[1]}.",
        f"{a.zh}和{b.zh}将建立{f[2]}联合中心。",
    )


def t_discussed(rng: random.Random) -> Triple:
    f = rng.choice(FIELDS)
    return (
        f"The parties discussed cooperation in the field of {f[0]}.",
        f"Стороны обсудили сотрудничество в области {f[1]}.",
        f"双方讨论了在{f[2]}领域的合作。",
    )


def t_member(rng: random.Random) -> Triple:
    o = rng.choice(SPBPU + UNIVERSITIES + PARTNERS[:2])
    return (
        f"{cap(o.en)} is a member of the Russian-Chinese Innovation Alliance.",
        f"{cap(o.ru['nom'])} является членом Российско-китайского инновационного альянса.",
        f"{o.zh}是中俄创新联盟的成员。",
    )


def t_participants(rng: random.Random) -> Triple:
    e = rng.choice(EVENTS)
    n, m = rng.choice([rng.randint(20, 900), rng.randint(1000, 5000)]), rng.randint(2, 60)
    return (
        f"{cap(e.en)} brought together more than {n:,} participants from {m} countries.",
        f"{cap(e.ru['nom'])} {e.past('собрал', 'собрала', 'собрало')} более {n} "
        f"{gen_count_form(n, 'участника', 'участников')} из {m} "
        f"{gen_count_form(m, 'страны', 'стран')}.",
        f"{e.zh}吸引了来自{m}个国家的{n}多名参会者。",
    )


def t_since(rng: random.Random) -> Triple:
    a, b = _two(rng, ORGS)
    y = rng.randint(2000, 2025)
    return (
        f"{cap(a.en)} and {b.en} have been cooperating since {y}.",
        f"{cap(a.ru['nom'])} и {b.ru['nom']} сотрудничают с {y} года.",
        f"{a.zh}和{b.zh}自{y}年起开展合作。",
    )


def t_event_when(rng: random.Random) -> Triple:
    e, c = rng.choice(EVENTS), rng.choice(CITIES)
    de, dr, dz = date(rng)
    return (
        f"{cap(e.en)} will be held in {c.en} on {de}.",
        f"{cap(e.ru['nom'])} пройдёт в {c.ru['prep']} {dr}.",
        f"{e.zh}将于{dz}在{c.zh}举行。",
    )


def t_event_month(rng: random.Random) -> Triple:
    e, o = rng.choice(EVENTS), rng.choice(SPBPU + UNIVERSITIES)
    me, mr, mz = month(rng)
    return (
        f"{cap(e.en)} will take place at {o.en} in {me}.",
        f"{cap(e.ru['nom'])} пройдёт в {o.ru['prep']} в {mr}.",
        f"{e.zh}将于{mz}在{o.zh}举行。",
    )


def t_students(rng: random.Random) -> Triple:
    o, c = rng.choice(ACTORS), rng.choice(CITIES)
    return (
        f"Students of {o.en} will do internships in {c.en}.",
        f"Студенты {o.ru['gen']} пройдут стажировку в {c.ru['prep']}.",
        f"{o.zh}的学生将在{c.zh}实习。",
    )


def t_startups(rng: random.Random) -> Triple:
    o = rng.choice(ACTORS)
    return (
        f"Startups from {o.en} will be able to use the infrastructure of Ingria Technopark.",
        f"Стартапы {o.ru['gen']} смогут использовать инфраструктуру технопарка «Ингрия».",
        f"{o.zh}的初创企业将可以使用英格里亚科技园的基础设施。",
    )


def t_patent(rng: random.Random) -> Triple:
    o = rng.choice(ACTORS)
    return (
        f"GlobalTech IP will provide patent support for the projects of {o.en}.",
        f"GlobalTech IP обеспечит патентную поддержку проектов {o.ru['gen']}.",
        f"GlobalTech IP将为{o.zh}的项目提供专利支持。",
    )


def t_support(rng: random.Random) -> Triple:
    e = rng.choice(EVENTS)
    s = rng.choice(PARTNERS[:3] + PARTNERS[5:8])
    return (
        f"{cap(e.en)} is held with the support of {s.en}.",
        f"{cap(e.ru['nom'])} проходит при поддержке {s.ru['gen']}.",
        f"{e.zh}在{s.zh}的支持下举办。",
    )


def t_labs_count(rng: random.Random) -> Triple:
    o = rng.choice(SPBPU + UNIVERSITIES)
    n, m = rng.randint(2, 120), rng.randint(2, 40)
    return (
        f"{cap(o.en)} has {n} laboratories and {m} research centers.",
        f"В {o.ru['prep']} есть {n} {count_form(n, 'лаборатория', 'лаборатории', 'лабораторий')} "
        f"и {m} {count_form(m, 'научный центр', 'научных центра', 'научных центров')}.",
        f"{o.zh}拥有{n}个实验室和{m}个研究中心。",
    )


def t_students_count(rng: random.Random) -> Triple:
    o = rng.choice(SPBPU + UNIVERSITIES)
    n = rng.randint(1000, 40000)
    m = rng.randint(2, 95)
    return (
        f"More than {n:,} students from {m} countries study at {o.en}.",
        f"В {o.ru['prep']} учатся более {n} {gen_count_form(n, 'студента', 'студентов')} из {m} "
        f"{gen_count_form(m, 'страны', 'стран')}.",
        f"来自{m}个国家的{n}多名学生在{o.zh}学习。",
    )


def t_lecture(rng: random.Random) -> Triple:
    p, o = rng.choice(PEOPLE), rng.choice(ACTORS)
    f = rng.choice(FIELDS)
    return (
        f"{p.en} gave a lecture on {f[0]} to students of {o.en}.",
        f"{p.ru['nom']} {p.past('прочитал', 'прочитала', '')} студентам {o.ru['gen']} лекцию "
        f"в области {f[1]}.",
        f"{p.zh}为{o.zh}的学生作了关于{f[2]}的讲座。",
    )


def t_congrat(rng: random.Random) -> Triple:
    p, q = rng.sample(PEOPLE, 2)
    return (
        f"{p.en} thanked {q.en} for the productive cooperation.",
        f"{p.ru['nom']} {p.past('поблагодарил', 'поблагодарила', '')} {q.ru['acc']} за "
        f"плодотворное сотрудничество.",
        f"{p.zh}感谢{q.zh}卓有成效的合作。",
    )


def t_quote(rng: random.Random) -> Triple:
    p, f = rng.choice(PEOPLE), rng.choice(FIELDS)
    return (
        f"“Cooperation in {f[0]} is important for both countries,” said {p.en}.",
        f"«Сотрудничество в области {f[1]} важно для обеих стран», — "
        f"{p.past('сказал', 'сказала', '')} {p.ru['nom']}.",
        f"{p.zh}说：“{f[2]}领域的合作对两国都很重要。”",
    )


def t_exchange(rng: random.Random) -> Triple:
    a, b = _two(rng, ACTORS)
    return (
        f"{cap(a.en)} and {b.en} launched an exchange program for students and young researchers.",
        f"{cap(a.ru['nom'])} и {b.ru['nom']} запустили программу обмена для студентов и молодых "
        f"исследователей.",
        f"{a.zh}和{b.zh}启动了面向学生和青年研究人员的交流项目。",
    )


def t_transfer(rng: random.Random) -> Triple:
    c, f = rng.choice(CITIES), rng.choice(FIELDS)
    return (
        f"The technology park in {c.en} supports the transfer of technologies in {f[0]}.",
        f"Технопарк в {c.ru['prep']} поддерживает трансфер технологий в области {f[1]}.",
        f"{c.zh}的科技园支持{f[2]}领域的技术转移。",
    )


def t_arrived(rng: random.Random) -> Triple:
    p, c = rng.choice(PEOPLE + CN_PEOPLE), rng.choice(CITIES)
    de, dr, dz = date(rng)
    return (
        f"{p.en} arrived in {c.en} on {de}.",
        f"{p.ru['nom']} {p.past('прибыл', 'прибыла', '')} в {c.ru['acc']} {dr}.",
        f"{p.zh}于{dz}抵达{c.zh}。",
    )


TEMPLATES = [
    t_signed,
    t_signed_city,
    t_delegation_visit,
    t_headed,
    t_rector,
    t_met,
    t_lab,
    t_joint_center,
    t_discussed,
    t_member,
    t_participants,
    t_since,
    t_event_when,
    t_event_month,
    t_students,
    t_startups,
    t_patent,
    t_support,
    t_labs_count,
    t_students_count,
    t_lecture,
    t_congrat,
    t_quote,
    t_exchange,
    t_transfer,
    t_arrived,
]


# --- protection tokens, URLs, e-mails, identifiers -----------------------------------------------

TOKEN_TEMPLATES: list[Triple] = [
    (
        "{0} signed a cooperation agreement with {1}.",
        "{0} подписал соглашение о сотрудничестве с {1}.",
        "{0}与{1}签署了合作协议。",
    ),
    ("The delegation of {0} visited {1}.", "Делегация {0} посетила {1}.", "{0}代表团访问了{1}。"),
    (
        "More information is available at {0}.",
        "Подробная информация доступна по адресу {0}.",
        "更多信息请访问{0}。",
    ),
    ("Contact us at {0}.", "Свяжитесь с нами по адресу {0}.", "请通过{0}与我们联系。"),
    ("The forum will be held on {0} in {1}.", "Форум пройдёт {0} в {1}.", "论坛将于{0}在{1}举行。"),
    (
        "More than {0} participants took part in the forum.",
        "В форуме приняли участие более {0} участников.",
        "超过{0}名参会者参加了论坛。",
    ),
    ("{0} files were translated.", "Переведено файлов: {0}.", "已翻译{0}个文件。"),
    ("Hello, {0}!", "Здравствуйте, {0}!", "你好，{0}！"),
    ("File {0} not found.", "Файл {0} не найден.", "未找到文件{0}。"),
    ("Delete {0}?", "Удалить {0}?", "删除{0}？"),
    ("{0} of {1} strings translated", "Переведено строк: {0} из {1}", "已翻译{0}/{1}个字符串"),
    ("The rector of {0} met with {1}.", "Ректор {0} встретился с {1}.", "{0}校长会见了{1}。"),
    (
        "{0} and {1} will create a joint laboratory.",
        "{0} и {1} создадут совместную лабораторию.",
        "{0}和{1}将建立联合实验室。",
    ),
    ("Click {0} to continue.", "Нажмите {0}, чтобы продолжить.", "点击{0}继续。"),
    (
        "The {0} option is deprecated; use {1} instead.",
        "Параметр {0} устарел; используйте вместо него {1}.",
        "选项{0}已弃用，请改用{1}。",
    ),
    ("Welcome to {0}!", "Добро пожаловать в {0}!", "欢迎来到{0}！"),
    ("Saved {0} changes to {1}.", "Сохранено изменений в {1}: {0}.", "已将{0}处更改保存到{1}。"),
    (
        "{0} is held with the support of {1}.",
        "{0} проходит при поддержке {1}.",
        "{0}在{1}的支持下举办。",
    ),
    (
        "Students of {0} will do internships in {1}.",
        "Студенты {0} пройдут стажировку в {1}.",
        "{0}的学生将在{1}实习。",
    ),
    (
        "{0} took part in {1} and signed an agreement with {2}.",
        "{0} принял участие в {1} и подписал соглашение с {2}.",
        "{0}参加了{1}，并与{2}签署了协议。",
    ),
    (
        "Patent support will be provided by {0}.",
        "Патентную поддержку обеспечит {0}.",
        "{0}将提供专利支持。",
    ),
    (
        "Send the report to {0} before {1}.",
        "Отправьте отчёт на {0} до {1}.",
        "请在{1}之前将报告发送至{0}。",
    ),
    ("{0}", "{0}", "{0}"),
    ("{0} {1}", "{0} {1}", "{0}{1}"),
]

DOMAINS = [
    "spbstu.ru",
    "english.spbstu.ru",
    "jitri.cn",
    "example.com",
    "ingria-park.ru",
    "iidf.ru",
    "nanjing.gov.cn",
    "rcia.org",
    "globaltech-ip.com",
    "docs.example.org",
]
PATHS = [
    "",
    "news",
    "en/news/2026",
    "about",
    "contacts",
    "projects/robotics",
    "forum/2027",
    "press",
    "docs/getting_started",
    "api/v2/users",
]
EMAIL_USERS = [
    "press",
    "info",
    "international",
    "forum",
    "office",
    "a.rudskoy",
    "support",
    "media",
    "partners",
    "student_office",
]
IDENT_WORDS = [
    "user",
    "id",
    "max",
    "length",
    "api",
    "key",
    "path",
    "enable",
    "cache",
    "file",
    "name",
    "count",
    "target",
    "lang",
    "source",
    "glossary",
    "model",
    "dir",
    "timeout",
    "retry",
    "batch",
    "size",
    "default",
    "locale",
    "token",
    "output",
    "input",
    "mode",
]


def url(rng: random.Random) -> str:
    p = rng.choice(PATHS)
    return f"https://{rng.choice(DOMAINS)}/{p + '/' if p and rng.random() < 0.3 else p}"


def email(rng: random.Random) -> str:
    return f"{rng.choice(EMAIL_USERS)}@{rng.choice(DOMAINS)}"


def ident(rng: random.Random) -> str:
    return "_".join(rng.sample(IDENT_WORDS, rng.randint(2, 3)))


VERBATIM_TEMPLATES: list[tuple[str, Triple]] = [
    (
        "url",
        (
            "More information is available at {x}.",
            "Подробная информация доступна по адресу {x}.",
            "更多信息请访问{x}。",
        ),
    ),
    (
        "url",
        (
            "The program of the forum is published at {x}.",
            "Программа форума опубликована по адресу {x}.",
            "论坛日程已发布在{x}。",
        ),
    ),
    (
        "url",
        ("Registration is open at {x}.", "Регистрация открыта на сайте {x}.", "注册请访问{x}。"),
    ),
    ("email", ("Press contact: {x}.", "Контакт для прессы: {x}.", "媒体联系：{x}。")),
    (
        "email",
        (
            "Send your application to {x}.",
            "Заявки направляйте по адресу {x}.",
            "请将申请发送至{x}。",
        ),
    ),
    (
        "email",
        (
            "For questions, write to {x}.",
            "По всем вопросам пишите на {x}.",
            "如有疑问，请发邮件至{x}。",
        ),
    ),
    (
        "ident",
        (
            "Set {x} in the configuration file.",
            "Укажите {x} в файле конфигурации.",
            "请在配置文件中设置{x}。",
        ),
    ),
    ("ident", ("The {x} parameter is required.", "Параметр {x} обязателен.", "参数{x}为必填项。")),
    ("ident", ("Unknown option: {x}.", "Неизвестный параметр: {x}.", "未知选项：{x}。")),
    (
        "ident",
        (
            "The value of {x} must be a positive number.",
            "Значение {x} должно быть положительным числом.",
            "{x}的值必须为正数。",
        ),
    ),
    (
        "ident",
        (
            "The function {x} returns a list.",
            "Функция {x} возвращает список.",
            "函数{x}返回一个列表。",
        ),
    ),
]


def token_fillers(rng: random.Random, n: int) -> list[str]:
    """Token indices for a sentence: mostly 0, 1, 2 in order, sometimes higher or shuffled."""
    start = rng.choice([0, 0, 0, 1, 2, 3, 4, 5, 6, 7]) if n == 1 else rng.choice([0, 0, 0, 2, 5])
    idx = [min(start + i, 9) for i in range(n)]
    if n > 1 and rng.random() < 0.2:
        rng.shuffle(idx)
    return [TOKENS[i] for i in idx]


def token_sentences(rng: random.Random, count: int) -> list[Triple]:
    out = []
    for _ in range(count):
        en, ru, zh = rng.choice(TOKEN_TEMPLATES)
        n = len(set(re.findall(r"\{(\d)\}", en)))
        toks = token_fillers(rng, n)
        out.append((en.format(*toks), ru.format(*toks), zh.format(*toks)))
    return out


def templated_with_tokens(rng: random.Random, count: int) -> list[Triple]:
    """Templated sentences whose city / person / date is replaced by a protection token."""
    out = []
    for _ in range(count):
        c, p = rng.choice(CITIES), rng.choice(PEOPLE)
        tok = rng.choice(TOKENS)
        kind = rng.randrange(4)
        if kind == 0:
            o = rng.choice(ACTORS)
            out.append(
                (
                    f"A delegation of {o.en} visited {tok}.",
                    f"Делегация {o.ru['gen']} посетила {tok}.",
                    f"{o.zh}代表团访问了{tok}。",
                )
            )
        elif kind == 1:
            out.append(
                (
                    f"{tok} met with the delegation of {c.en}.",
                    f"{tok} встретился с делегацией {c.ru['gen']}.",
                    f"{tok}会见了{c.zh}代表团。",
                )
            )
        elif kind == 2:
            e = rng.choice(EVENTS)
            out.append(
                (
                    f"{cap(e.en)} will be held in {c.en} on {tok}.",
                    f"{cap(e.ru['nom'])} пройдёт в {c.ru['prep']} {tok}.",
                    f"{e.zh}将于{tok}在{c.zh}举行。",
                )
            )
        else:
            o = rng.choice(ACTORS)
            out.append(
                (
                    f"{cap(o.en)} signed a cooperation agreement with {tok}.",
                    f"{cap(o.ru['nom'])} {o.past('подписал', 'подписала', 'подписало')} соглашение "
                    f"о сотрудничестве с {tok}.",
                    f"{o.zh}与{tok}签署了合作协议。",
                )
            )
        del p
    return out


def verbatim_sentences(rng: random.Random, count: int) -> list[Triple]:
    makers = {"url": url, "email": email, "ident": ident}
    out = []
    for _ in range(count):
        kind, (en, ru, zh) = rng.choice(VERBATIM_TEMPLATES)
        x = makers[kind](rng)
        out.append((en.format(x=x), ru.format(x=x), zh.format(x=x)))
    return out


# --- UI strings -----

UI_FIXED: list[Triple] = [
    ("Save", "Сохранить", "保存"),
    ("Open", "Открыть", "打开"),
    ("Close", "Закрыть", "关闭"),
    ("Cancel", "Отмена", "取消"),
    ("OK", "ОК", "确定"),
    ("Yes", "Да", "是"),
    ("No", "Нет", "否"),
    ("Settings", "Настройки", "设置"),
    ("Help", "Справка", "帮助"),
    ("Exit", "Выход", "退出"),
    ("Edit", "Правка", "编辑"),
    ("View", "Вид", "视图"),
    ("File", "Файл", "文件"),
    ("Search", "Поиск", "搜索"),
    ("Back", "Назад", "返回"),
    ("Next", "Далее", "下一步"),
    ("Finish", "Готово", "完成"),
    ("Apply", "Применить", "应用"),
    ("Delete", "Удалить", "删除"),
    ("Undo", "Отменить", "撤销"),
    ("Redo", "Повторить", "重做"),
    ("Copy", "Копировать", "复制"),
    ("Paste", "Вставить", "粘贴"),
    ("Cut", "Вырезать", "剪切"),
    ("Print", "Печать", "打印"),
    ("Refresh", "Обновить", "刷新"),
    ("Log in", "Войти", "登录"),
    ("Log out", "Выйти", "退出登录"),
    ("Sign up", "Зарегистрироваться", "注册"),
    ("Password", "Пароль", "密码"),
    ("User name", "Имя пользователя", "用户名"),
    ("Language", "Язык", "语言"),
    ("Translate", "Перевести", "翻译"),
    ("Translation", "Перевод", "翻译"),
    ("Source", "Источник", "源文本"),
    ("Target", "Цель", "目标"),
    ("Glossary", "Глоссарий", "术语表"),
    ("Loading...", "Загрузка...", "正在加载..."),
    ("Please wait...", "Подождите...", "请稍候..."),
    ("Error", "Ошибка", "错误"),
    ("Warning", "Предупреждение", "警告"),
    ("Done", "Готово", "完成"),
    ("Unsaved changes", "Несохранённые изменения", "未保存的更改"),
    ("Select all", "Выделить всё", "全选"),
    ("Find and replace", "Найти и заменить", "查找和替换"),
    ("Recent files", "Недавние файлы", "最近的文件"),
    ("Preferences", "Параметры", "首选项"),
    ("About", "О программе", "关于"),
    ("Check for updates", "Проверить обновления", "检查更新"),
    ("Download", "Скачать", "下载"),
    ("Upload", "Загрузить", "上传"),
    ("Share", "Поделиться", "分享"),
    ("Home", "Главная", "首页"),
    ("Profile", "Профиль", "个人资料"),
    ("Notifications", "Уведомления", "通知"),
    ("Privacy policy", "Политика конфиденциальности", "隐私政策"),
    ("Terms of use", "Условия использования", "使用条款"),
    ("Contact us", "Связаться с нами", "联系我们"),
    ("Read more", "Подробнее", "阅读更多"),
    ("News", "Новости", "新闻"),
    ("Events", "Мероприятия", "活动"),
    ("Partners", "Партнёры", "合作伙伴"),
    ("Research", "Наука", "科研"),
    ("Education", "Образование", "教育"),
    ("Admission", "Поступление", "招生"),
    ("Dark mode", "Тёмная тема", "深色模式"),
    ("Show more", "Показать ещё", "显示更多"),
    ("No results found.", "Ничего не найдено.", "未找到结果。"),
    ("Your changes have been saved.", "Изменения сохранены.", "您的更改已保存。"),
    ("Are you sure?", "Вы уверены?", "您确定吗？"),
    ("Try again", "Повторить попытку", "重试"),
    ("Connection lost.", "Соединение потеряно.", "连接已断开。"),
    ("Invalid password.", "Неверный пароль.", "密码无效。"),
    ("This field is required.", "Это поле обязательно.", "此字段为必填项。"),
    ("Page not found", "Страница не найдена", "页面未找到"),
]

# (en, ru nominative, ru accusative, zh, gender: m/f/n/pl)
UI_OBJECTS = [
    ("file", "файл", "файл", "文件", "m"),
    ("folder", "папка", "папку", "文件夹", "f"),
    ("project", "проект", "проект", "项目", "m"),
    ("document", "документ", "документ", "文档", "m"),
    ("glossary", "глоссарий", "глоссарий", "术语表", "m"),
    ("catalog", "каталог", "каталог", "目录", "m"),
    ("model", "модель", "модель", "模型", "f"),
    ("translation", "перевод", "перевод", "翻译", "m"),
    ("image", "изображение", "изображение", "图像", "n"),
    ("report", "отчёт", "отчёт", "报告", "m"),
    ("page", "страница", "страницу", "页面", "f"),
    ("account", "учётная запись", "учётную запись", "账户", "f"),
    ("message", "сообщение", "сообщение", "消息", "n"),
    ("comment", "комментарий", "комментарий", "评论", "m"),
    ("template", "шаблон", "шаблон", "模板", "m"),
    ("language", "язык", "язык", "语言", "m"),
    ("term", "термин", "термин", "术语", "m"),
    ("table", "таблица", "таблицу", "表格", "f"),
]
UI_VERBS = [
    ("Open", "Открыть", "打开"),
    ("Save", "Сохранить", "保存"),
    ("Delete", "Удалить", "删除"),
    ("Create", "Создать", "创建"),
    ("Edit", "Изменить", "编辑"),
    ("Rename", "Переименовать", "重命名"),
    ("Copy", "Копировать", "复制"),
    ("Export", "Экспортировать", "导出"),
    ("Import", "Импортировать", "导入"),
    ("Select", "Выбрать", "选择"),
    ("Close", "Закрыть", "关闭"),
    ("Add", "Добавить", "添加"),
]
NEW = {"m": "Новый", "f": "Новая", "n": "Новое"}
THIS = {"m": "этот", "f": "эту", "n": "это"}
SAVED = {"m": "сохранён", "f": "сохранена", "n": "сохранено"}


def ui_strings() -> list[Triple]:
    out = list(UI_FIXED)
    for en_v, ru_v, zh_v in UI_VERBS:
        for en_o, _ru_nom, ru_acc, zh_o, _g in UI_OBJECTS:
            out.append((f"{en_v} {en_o}", f"{ru_v} {ru_acc}", f"{zh_v}{zh_o}"))
    for en_o, ru_nom, ru_acc, zh_o, g in UI_OBJECTS:
        out.append((f"New {en_o}", f"{NEW[g]} {ru_nom}", f"新建{zh_o}"))
        out.append(
            (
                f"Are you sure you want to delete this {en_o}?",
                f"Вы уверены, что хотите удалить {THIS[g]} {ru_acc}?",
                f"确定要删除此{zh_o}吗？",
            )
        )
        out.append((f"The {en_o} has been saved.", f"{cap(ru_nom)} {SAVED[g]}.", f"{zh_o}已保存。"))
    return out


# --- the bundled example -----

_ABBREV = re.compile(r"(?:\bSt|\bDr|\bi\.e|\bт\. е|\bт|\b[A-ZА-ЯЁ])\.$")


def _blocks(path: Path) -> list[str]:
    """Translatable blocks of a Markdown file: headings, paragraphs, list items, quotes."""
    out = []
    for para in path.read_text(encoding="utf-8").split("\n\n"):
        for line in para.strip().splitlines():
            out.append(re.sub(r"^(#+|>|-)\s+", "", line.strip()))
    return out


def split_sentences(text: str) -> list[str]:
    """A conservative splitter for the example: St., Dr., i.e., initials end no sentence."""
    parts, start = [], 0
    for m in re.finditer(r"[.!?][”»\"]?\s+(?=\S)|[。！？][”」]?(?=\S)", text):
        head = text[start : m.start() + 1]
        nxt = text[m.end()]
        if m.group()[0] in ".!?" and (_ABBREV.search(head) or nxt.islower()):
            continue
        if m.group().endswith("”") and re.fullmatch(
            r"[^。！？]{1,12}(?:说|表示|指出)。", text[m.end() :]
        ):
            continue  # a short attribution after a Chinese quote stays with it
        parts.append(text[start : m.end()].strip())
        start = m.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def example_pairs(lang: str) -> list[tuple[str, str]]:
    """(en, lang) pairs of the example: every block, and its sentences where they align."""
    en_blocks = _blocks(EXAMPLES / "press-release.en.md")
    xx_blocks = _blocks(EXAMPLES / f"press-release.{lang}.md")
    if len(en_blocks) != len(xx_blocks):
        raise SystemExit(f"example layout differs between en and {lang}")
    pairs = []
    for e, x in zip(en_blocks, xx_blocks, strict=True):
        pairs.append((e, x))
        es, xs = split_sentences(e), split_sentences(x)
        if len(es) > 1 and len(es) == len(xs):
            pairs.extend(zip(es, xs, strict=True))
    return pairs


def example_variants(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The example with do-not-translate names, URLs and e-mails replaced by protection tokens."""
    out = []
    for e, x in pairs:
        for needles in (
            ["GlobalTech IP"],
            ["https://english.spbstu.ru/", "press@spbstu.ru"],
            ["24.06.2026"],
            ["JITRI"],
        ):
            e2, x2, k = e, x, 0
            for needle in needles:
                if needle in e2 and needle in x2:
                    e2, x2, k = e2.replace(needle, TOKENS[k]), x2.replace(needle, TOKENS[k]), k + 1
            if k:
                out.append((e2, x2))
        if "24.06.2026" in e and "2026年6月24日" in x:
            out.append((e.replace("24.06.2026", TOKENS[0]), x.replace("2026年6月24日", TOKENS[0])))
    return out


# --- assembly -----


def build_triples(seed: int = SEED, per_template: int = 330) -> list[Triple]:
    rng = random.Random(seed)
    triples: list[Triple] = []
    for t in TEMPLATES:
        triples.extend(t(rng) for _ in range(per_template))
    triples.extend(token_sentences(rng, 900))
    triples.extend(templated_with_tokens(rng, 400))
    triples.extend(verbatim_sentences(rng, 500))
    triples.extend(ui_strings())
    seen, unique = set(), []
    for tr in triples:
        if tr[0] not in seen:
            seen.add(tr[0])
            unique.append(tr)
    rng.shuffle(unique)
    return unique


# Extra copy practice for the en-zh pair only: its shared vocabulary is mostly Chinese
# characters, so Latin identifiers and URL paths are spelled in short pieces and need more
# (and more varied) examples to be copied letter for letter.
LATIN_WORDS = IDENT_WORDS + [
    "config", "data", "base", "url", "host", "port", "log", "level", "auth", "hash", "temp",
    "queue", "worker", "limit", "offset", "page", "index", "format", "encoding", "debug",
    "verbose", "prefix", "suffix", "min", "total", "item", "list", "map", "value", "field",
    "schema", "table", "row", "column", "version", "release", "build", "test", "unit", "case",
]


def latin_copy_sentences(rng: random.Random, count: int) -> list[Triple]:
    """URL, e-mail and identifier sentences drawn from a wider word list (en-zh extras)."""

    def ident2(r: random.Random) -> str:
        return "_".join(r.sample(LATIN_WORDS, r.randint(2, 4)))

    def url2(r: random.Random) -> str:
        return f"https://{r.choice(DOMAINS)}/{'/'.join(r.sample(LATIN_WORDS, r.randint(1, 3)))}"

    def email2(r: random.Random) -> str:
        return f"{r.choice(LATIN_WORDS)}.{r.choice(LATIN_WORDS)}@{r.choice(DOMAINS)}"

    makers = {"url": url2, "email": email2, "ident": ident2}
    out = []
    for _ in range(count):
        kind, (en, ru, zh) = rng.choice(VERBATIM_TEMPLATES)
        x = makers[kind](rng)
        out.append((en.format(x=x), ru.format(x=x), zh.format(x=x)))
    return out


def corpus_pairs(lang: str, seed: int = SEED) -> list[tuple[str, str]]:
    """All (en, lang) training pairs: templated triples, then the example and its token variants."""
    idx = {"ru": 1, "zh": 2}[lang]
    triples = build_triples(seed)
    if lang == "zh":
        seen = {t[0] for t in triples}
        extra = [t for t in latin_copy_sentences(random.Random(seed + 1), 1200) if t[0] not in seen]
        triples += list({t[0]: t for t in extra}.values())
    pairs = [(t[0], t[idx]) for t in triples]
    ex = example_pairs(lang)
    return pairs + ex + example_variants(ex)


def write_tsv(path: Path, pairs: list[tuple[str, str]]) -> None:
    for e, x in pairs:
        if "\t" in e + x or "\n" in e + x:
            raise ValueError(f"tab/newline in pair {e!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(f"{e}\t{x}\n" for e, x in pairs), encoding="utf-8")
    tmp.replace(path)


def show_cases() -> None:
    for group in (SPBPU, PARTNERS, UNIVERSITIES, CITIES, PEOPLE, EVENTS):
        for p in group:
            print(" | ".join(p.ru[c] for c in ("nom", "gen", "dat", "acc", "ins", "prep")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--show-cases", action="store_true")
    args = ap.parse_args(argv)
    if args.show_cases:
        show_cases()
        return 0
    for lang in ("ru", "zh"):
        pairs = corpus_pairs(lang, args.seed)
        write_tsv(args.out / f"en-{lang}.tsv", pairs)
        print(f"{args.out / f'en-{lang}.tsv'}: {len(pairs)} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
