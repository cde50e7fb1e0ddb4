// The alert rules on recordings built from the real events in tests/data: each rule on one
// recording built to trigger it and one built not to, plus rate limiting and bounded counters.

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "alert/AlertEngine.h"
#include "alert/AlertScenario.h"

using namespace wt;
using namespace wt::alert;
using namespace wt::test;
using event::EditEvent;

namespace {

std::vector<Alert> run(AlertEngine& engine, const std::vector<EditEvent>& events, std::size_t batch = 64)
{
    std::vector<Alert> out;
    for (const auto& b : batches(events, batch))
        engine.process(b, out);
    return out;
}

AlertRule keywordRule(const QString& pattern, std::uint8_t fields = Field::All, bool bots = false)
{
    AlertRule r;
    r.id = QStringLiteral("kw-") + pattern;
    r.name = QStringLiteral("Keyword ") + pattern;
    r.kind = RuleKind::Keyword;
    r.pattern = pattern;
    r.fields = fields;
    r.includeBots = bots;
    return r;
}

AlertRule surgeRule(SurgeScope scope, int minCount, double ratio, bool bots = false)
{
    AlertRule r;
    r.id = scope == SurgeScope::Page ? QStringLiteral("page-surge") : QStringLiteral("wiki-surge");
    r.name = r.id;
    r.kind = RuleKind::Surge;
    r.scope = scope;
    r.minCount = minCount;
    r.ratio = ratio;
    r.includeBots = bots;
    return r;
}

AlertRule velocityRule()
{
    AlertRule r;
    r.id = QStringLiteral("velocity");
    r.name = QStringLiteral("Velocity");
    r.kind = RuleKind::Velocity;
    r.includeBots = true;
    r.shortWindowSec = 60;
    r.baselineSec = 900;
    r.spikeRatio = 3.0;
    r.dropRatio = 0.25;
    r.minBaselineRate = 0.5;
    return r;
}

bool isHumanEdit(const EditEvent& e)
{
    return !e.has(event::Flag::Bot) && (e.type == event::EditType::Edit || e.type == event::EditType::New);
}

// Real events in a deterministic shuffled order (by meta.id hash), so that a page's edits that
// sit together in a file do not end up together in the background.
std::vector<EditEvent> shuffled(std::vector<EditEvent> v)
{
    std::stable_sort(v.begin(), v.end(), [](const EditEvent& a, const EditEvent& b) { return a.idHash < b.idHash; });
    return v;
}

QStringList subjects(const std::vector<Alert>& alerts)
{
    QStringList s;
    for (const auto& a : alerts)
        s << a.subject;
    return s;
}

} // namespace

class tst_AlertEngine : public QObject {
    Q_OBJECT

private:
    std::vector<EditEvent> m_all;

private slots:
    void initTestCase()
    {
        m_all = realEvents();
        QVERIFY2(m_all.size() > 6000, "the real recordings in tests/data did not parse");
    }

    void keywordHitIsCaseInsensitiveUnicode()
    {
        AlertEngine engine;
        // Upper-case Cyrillic pattern; the real ukwiki title is "Георгіївська стрічка".
        QVERIFY(engine.setRules({keywordRule(QStringLiteral("ГЕОРГІЇВСЬКА"), Field::Title)}).isEmpty());
        auto events = m_all;
        retime(events, kOrigin, 120 * kMinute);
        const auto alerts = run(engine, events);
        QCOMPARE(alerts.size(), std::size_t(1));
        QCOMPARE(alerts[0].kind, RuleKind::Keyword);
        QCOMPARE(alerts[0].subject, QStringLiteral("ГЕОРГІЇВСЬКА"));
        QVERIFY2(alerts[0].reason.contains(QStringLiteral("ukwiki:Георгіївська стрічка")), qPrintable(alerts[0].reason));
        QCOMPARE(alerts[0].url, QStringLiteral("https://uk.wikipedia.org/wiki/%D0%93%D0%B5%D0%BE%D1%80%D0%B3%D1%96%D1%97%D0%B2%D1%81%D1%8C%D0%BA%D0%B0_%D1%81%D1%82%D1%80%D1%96%D1%87%D0%BA%D0%B0"));
    }

    void keywordInCommentAndUser()
    {
        AlertEngine engine;
        AlertRule byComment = keywordRule(QStringLiteral("\\bpetscan\\b"), Field::Comment);
        AlertRule byUser = keywordRule(QStringLiteral("^Ugo"), Field::User);
        QVERIFY(engine.setRules({byComment, byUser}).isEmpty());
        auto events = m_all;
        retime(events, kOrigin, 120 * kMinute);
        const auto alerts = run(engine, events);
        QVERIFY(subjects(alerts).contains(byComment.pattern));
        for (const auto& a : alerts)
            QVERIFY2(a.reason.contains(QStringLiteral(" in the comment of ")) || a.subject == byUser.pattern,
                     qPrintable(a.reason));
    }

    void keywordNotTriggered()
    {
        AlertEngine engine;
        // Not in any real event; and a title that only bots edit (bots are excluded by default).
        QVERIFY(engine.setRules({keywordRule(QStringLiteral("zqxj-not-in-any-edit")),
                                 keywordRule(QStringLiteral("^Q50361689$"), Field::Title)})
                    .isEmpty());
        auto events = m_all;
        retime(events, kOrigin, 120 * kMinute);
        QCOMPARE(run(engine, events).size(), std::size_t(0));

        AlertEngine withBots;
        withBots.setRules({keywordRule(QStringLiteral("^Q50361689$"), Field::Title, true)});
        const auto botAlerts = run(withBots, events);
        QVERIFY(!botAlerts.empty());
        // 16 bot hits: each is either a notice or counted as held back, none lost.
        const auto firsts = std::count_if(botAlerts.begin(), botAlerts.end(), [](const Alert& a) { return !a.summary; });
        QCOMPARE(std::uint64_t(firsts) + withBots.stats().suppressed, std::uint64_t(16));
    }

    void badPatternRefused()
    {
        AlertRule bad = keywordRule(QStringLiteral("(unclosed["));
        QVERIFY(bad.validate().contains(QStringLiteral("invalid pattern")));
        AlertEngine engine;
        const QStringList errors = engine.setRules({bad, keywordRule(QStringLiteral("ok"))});
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].contains(QStringLiteral("(unclosed[")));
        QCOMPARE(engine.rules().size(), std::size_t(1));
        QVERIFY(keywordRule(QStringLiteral("a*")).validate().contains(QStringLiteral("empty text")));
        AlertRule out;
        QString error;
        QVERIFY(!AlertRule::fromVariant(bad.toVariant(), &out, &error));
        QVERIFY(error.contains(QStringLiteral("invalid pattern")));
    }

    void pageSurgeTriggered()
    {
        // The 34 real human edits of wikidatawiki Q4002847: 3 in the hour before, 31 in a burst
        // of 12 minutes after it, over 90 minutes of the other real events as background.
        auto page = selectEvents(m_all, [](const EditEvent& e) {
            return e.wiki == "wikidatawiki" && e.title == "Q4002847" && isHumanEdit(e);
        });
        QCOMPARE(page.size(), std::size_t(34));
        auto background = shuffled(selectEvents(m_all, [](const EditEvent& e) { return e.title != "Q4002847"; }));
        retime(background, kOrigin, 90 * kMinute);
        std::vector<EditEvent> before(page.begin(), page.begin() + 3);
        std::vector<EditEvent> burst(page.begin() + 3, page.end());
        retime(before, kOrigin + 15 * kMinute, 45 * kMinute);
        retime(burst, kOrigin + 76 * kMinute, 12 * kMinute);

        AlertEngine engine;
        engine.setRules({surgeRule(SurgeScope::Page, 20, 5.0)});
        const auto alerts = run(engine, mergeByTime({background, before, burst}));
        QCOMPARE(subjects(alerts), QStringList{QStringLiteral("wikidatawiki:Q4002847")});
        QCOMPARE(alerts[0].reason,
                 QStringLiteral("wikidatawiki:Q4002847: 20 edits in 15 min vs 3 in the hour before"));
        QCOMPARE(alerts[0].url, QStringLiteral("https://www.wikidata.org/wiki/Q4002847"));
        QVERIFY(alerts[0].timeMs >= kOrigin + 76 * kMinute);
    }

    void pageSurgeNotTriggered()
    {
        // The same real edits spread over the whole 90 minutes: no surge.
        auto page = selectEvents(m_all, [](const EditEvent& e) {
            return e.wiki == "wikidatawiki" && e.title == "Q4002847" && isHumanEdit(e);
        });
        auto background = shuffled(selectEvents(m_all, [](const EditEvent& e) { return e.title != "Q4002847"; }));
        retime(background, kOrigin, 90 * kMinute);
        retime(page, kOrigin, 90 * kMinute);
        AlertEngine engine;
        engine.setRules({surgeRule(SurgeScope::Page, 20, 5.0)});
        QCOMPARE(run(engine, mergeByTime({background, page})).size(), std::size_t(0));

        // A burst of 16 real bot edits of one page: excluded by default, seen when bots count.
        auto bots = selectEvents(m_all, [](const EditEvent& e) { return e.title == "Q50361689"; });
        QCOMPARE(bots.size(), std::size_t(16));
        auto rest = shuffled(selectEvents(m_all, [](const EditEvent& e) { return e.title != "Q50361689"; }));
        retime(rest, kOrigin, 90 * kMinute);
        retime(bots, kOrigin + 80 * kMinute, 5 * kMinute);
        const auto recording = mergeByTime({rest, bots});
        AlertEngine humansOnly;
        humansOnly.setRules({surgeRule(SurgeScope::Page, 10, 5.0)});
        QVERIFY(!subjects(run(humansOnly, recording)).contains(QStringLiteral("wikidatawiki:Q50361689")));
        AlertEngine withBots;
        withBots.setRules({surgeRule(SurgeScope::Page, 10, 5.0, true)});
        QVERIFY(subjects(run(withBots, recording)).contains(QStringLiteral("wikidatawiki:Q50361689")));
    }

    void surgeNeedsTheHourBefore()
    {
        // The burst right at the start: the hour before is unknown, so no notice (warm-up).
        auto page = selectEvents(m_all, [](const EditEvent& e) {
            return e.wiki == "wikidatawiki" && e.title == "Q4002847" && isHumanEdit(e);
        });
        retime(page, kOrigin, 10 * kMinute);
        AlertEngine engine;
        engine.setRules({surgeRule(SurgeScope::Page, 20, 5.0)});
        QCOMPARE(run(engine, page).size(), std::size_t(0));
    }

    void wikiSurgeTriggered()
    {
        auto en = selectEvents(m_all, [](const EditEvent& e) { return e.wiki == "enwiki" && isHumanEdit(e); });
        QVERIFY(en.size() > 150);
        auto background = shuffled(selectEvents(m_all, [](const EditEvent& e) { return e.wiki != "enwiki"; }));
        retime(background, kOrigin, 90 * kMinute);
        std::vector<EditEvent> before(en.begin(), en.begin() + 10);
        std::vector<EditEvent> burst(en.begin() + 10, en.end());
        retime(before, kOrigin + 14 * kMinute, 60 * kMinute);
        retime(burst, kOrigin + 76 * kMinute, 13 * kMinute);
        AlertEngine engine;
        engine.setRules({surgeRule(SurgeScope::Wiki, 100, 3.0)});
        const auto alerts = run(engine, mergeByTime({background, before, burst}));
        QCOMPARE(subjects(alerts), QStringList{QStringLiteral("enwiki")});
        QCOMPARE(alerts[0].reason, QStringLiteral("enwiki: 100 edits in 15 min vs 10 in the hour before"));
        QCOMPARE(alerts[0].url, QStringLiteral("https://en.wikipedia.org/wiki/Special:RecentChanges"));
    }

    void wikiSurgeNotTriggered()
    {
        auto events = shuffled(m_all);
        retime(events, kOrigin, 90 * kMinute);
        AlertEngine engine;
        engine.setRules({surgeRule(SurgeScope::Wiki, 100, 3.0)});
        QCOMPARE(run(engine, events).size(), std::size_t(0));
    }

    void velocitySpike()
    {
        auto events = shuffled(m_all);
        std::vector<EditEvent> calm(events.begin(), events.begin() + 1200);    // 1 event/s
        std::vector<EditEvent> spike(events.begin() + 1200, events.begin() + 1800); // 10 events/s
        std::vector<EditEvent> after(events.begin() + 1800, events.begin() + 2100);
        retime(calm, kOrigin, 20 * kMinute);
        retime(spike, kOrigin + 20 * kMinute, kMinute);
        retime(after, kOrigin + 21 * kMinute, 5 * kMinute);
        AlertEngine engine;
        engine.setRules({velocityRule()});
        const auto alerts = run(engine, mergeByTime({calm, spike, after}));
        QCOMPARE(subjects(alerts), QStringList{QStringLiteral("stream spike")});
        QVERIFY2(alerts[0].reason.startsWith(QStringLiteral("stream spike: ")), qPrintable(alerts[0].reason));
        QVERIFY(alerts[0].reason.contains(QStringLiteral("vs 1.00 events/s over the 15 min before")));
    }

    void velocityDrop()
    {
        auto events = shuffled(m_all);
        std::vector<EditEvent> busy(events.begin(), events.begin() + 2400); // 2 events/s
        std::vector<EditEvent> thin(events.begin() + 2400, events.begin() + 2424); // 0.2 events/s
        retime(busy, kOrigin, 20 * kMinute);
        retime(thin, kOrigin + 20 * kMinute, 2 * kMinute);
        AlertEngine engine;
        engine.setRules({velocityRule()});
        const auto alerts = run(engine, mergeByTime({busy, thin}));
        QCOMPARE(subjects(alerts), QStringList{QStringLiteral("stream drop")});

        // A stream that stops: only the clock moves (live mode), and the drop shows.
        AlertEngine stalled;
        stalled.setRules({velocityRule()});
        QCOMPARE(run(stalled, busy).size(), std::size_t(0));
        std::vector<Alert> out;
        stalled.advanceTo(kOrigin + 22 * kMinute, out);
        QCOMPARE(subjects(out), QStringList{QStringLiteral("stream drop")});
    }

    void velocitySteady()
    {
        auto events = shuffled(m_all);
        events.resize(1800);
        retime(events, kOrigin, 30 * kMinute);
        AlertEngine engine;
        engine.setRules({velocityRule()});
        QCOMPARE(run(engine, events).size(), std::size_t(0));
    }

    void stormGivesOneNoticeAndASummary()
    {
        // Every real comment that mentions PetScan, all within 5 minutes: one notice, then one
        // summary with the count once the 10-minute cooldown is over.
        auto hits = selectEvents(m_all, [](const EditEvent& e) {
            return QString::fromStdString(e.comment).contains(QStringLiteral("petscan"), Qt::CaseInsensitive);
        });
        QVERIFY(hits.size() > 100);
        retime(hits, kOrigin, 5 * kMinute);
        AlertEngine engine;
        engine.setRules({keywordRule(QStringLiteral("petscan"), Field::Comment, true)});
        auto alerts = run(engine, hits);
        QCOMPARE(alerts.size(), std::size_t(1));
        QCOMPARE(alerts[0].suppressed, std::uint64_t(0));
        QCOMPARE(engine.stats().suppressed, std::uint64_t(hits.size() - 1));

        std::vector<Alert> later;
        engine.advanceTo(kOrigin + 9 * kMinute, later);
        QCOMPARE(later.size(), std::size_t(0)); // still within the cooldown
        engine.advanceTo(kOrigin + 11 * kMinute, later);
        QCOMPARE(later.size(), std::size_t(1));
        QVERIFY(later[0].summary);
        QCOMPARE(later[0].suppressed, std::uint64_t(hits.size() - 1));
        QVERIFY2(later[0].reason.startsWith(QStringLiteral("%1 more notice(s) suppressed").arg(hits.size() - 1)),
                 qPrintable(later[0].reason));
        engine.advanceTo(kOrigin + 30 * kMinute, later);
        QCOMPARE(later.size(), std::size_t(1)); // nothing more to report
    }

    void globalCapPerMinute()
    {
        // 30 rules that all fire on the same real edit: 20 notices in that minute, 10 held.
        auto one = selectEvents(m_all, [](const EditEvent& e) { return e.wiki == "enwiki" && isHumanEdit(e); }, 1);
        retime(one, kOrigin, 1);
        std::vector<AlertRule> rules;
        for (int i = 0; i < 30; ++i) {
            AlertRule r = keywordRule(QStringLiteral("^.{%1,}").arg(i % 3 + 1), Field::Title);
            r.id = QStringLiteral("r%1").arg(i);
            rules.push_back(r);
        }
        AlertEngineConfig config;
        config.maxPerMinute = 20;
        AlertEngine engine(config);
        QVERIFY(engine.setRules(rules).isEmpty());
        QCOMPARE(run(engine, one).size(), std::size_t(20));
        QCOMPARE(engine.stats().suppressedGlobal, std::uint64_t(10));
        std::vector<Alert> later;
        engine.advanceTo(kOrigin + 11 * kMinute, later);
        QCOMPARE(later.size(), std::size_t(10));
        for (const auto& a : later)
            QVERIFY(a.summary && a.suppressed == 1);
    }

    void countersStayBounded()
    {
        AlertEngineConfig config;
        config.maxPages = 200;
        config.maxWikis = 10;
        AlertEngine engine(config);
        engine.setRules({surgeRule(SurgeScope::Page, 20, 5.0)});
        auto events = m_all;
        retime(events, kOrigin, 30 * kMinute);
        run(engine, events);
        const auto s = engine.stats();
        QVERIFY(s.trackedPages <= 200);
        QVERIFY(s.trackedWikis <= 10);
        QVERIFY(s.pageEvictions > 0);
        QVERIFY(s.wikiEvictions > 0);
        QCOMPARE(s.events, std::uint64_t(events.size()));
    }

    void alertJsonLine()
    {
        Alert a;
        a.timeMs = kOrigin + 1234;
        a.ruleId = QStringLiteral("r1");
        a.ruleName = QStringLiteral("Surge \"x\"");
        a.kind = RuleKind::Surge;
        a.subject = QStringLiteral("ukwiki:Георгіївська стрічка");
        a.reason = QStringLiteral("line\nbreak");
        a.suppressed = 7;
        const QByteArray line = alertToJsonLine(a);
        QVERIFY(!line.contains('\n'));
        QJsonParseError err;
        const QJsonObject o = QJsonDocument::fromJson(line, &err).object();
        QCOMPARE(err.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("alert"));
        QCOMPARE(o.value(QStringLiteral("time")).toString(), QStringLiteral("2024-02-06T16:00:01.234Z"));
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("surge"));
        QCOMPARE(o.value(QStringLiteral("rule")).toString(), a.ruleName);
        QCOMPARE(o.value(QStringLiteral("subject")).toString(), a.subject);
        QCOMPARE(o.value(QStringLiteral("reason")).toString(), a.reason);
        QCOMPARE(o.value(QStringLiteral("suppressed")).toInt(), 7);
    }
};

QTEST_GUILESS_MAIN(tst_AlertEngine)
#include "tst_AlertEngine.moc"
