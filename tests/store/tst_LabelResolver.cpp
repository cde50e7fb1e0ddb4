// The Wikidata label resolver against a real HTTP server on 127.0.0.1 serving the real recorded
// wbgetentities answers: found, missing, language fallback, batching (<= 50 ids, one request in
// flight, rate limit), TTLs with an injected clock, 429 + Retry-After, 500, malformed JSON,
// a cached label making no request (also after reopening the file), and offline.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "store/HistoryDatabase.h"
#include "store/LabelCache.h"
#include "store/LabelResolver.h"
#include "support/TestData.h"
#include "support/WbgetentitiesServer.h"
#include "wikitide/Version.h"

using namespace wt;
using namespace wt::store;
using wt::test::WbgetentitiesServer;

namespace {

constexpr qint64 kT0 = 1'704'067'200'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;

// Collects every labelsReady into one map.
struct Collector {
    LabelMap all;
    int emissions = 0;
    void attach(LabelResolver& r)
    {
        QObject::connect(&r, &LabelResolver::labelsReady, [this](const LabelMap& m) {
            ++emissions;
            for (auto it = m.cbegin(); it != m.cend(); ++it)
                all.insert(it.key(), it.value());
        });
    }
    bool waitFor(const QStringList& ids, int timeoutMs = 10'000)
    {
        return QTest::qWaitFor([&] {
            for (const QString& id : ids)
                if (!all.contains(id))
                    return false;
            return true;
        }, timeoutMs);
    }
};

} // namespace

class LabelResolverTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void foundMissingAndFallback();
    void cachedLabelMakesNoRequest();
    void ttlsExpireWithClock();
    void batchesOfFiftyOneInFlight();
    void retryAfterHonoured();
    void failuresCacheNothingAndRetry();
    void noLabelInEitherLanguageIsMissing();
    void answerWithoutRequestedIds();
    void offlineKeepsBareIds();

private:
    LabelResolverConfig config(qint64* clock = nullptr) const;
    std::unique_ptr<WbgetentitiesServer> m_server;
    qint64 m_now = kT0;
};

void LabelResolverTest::init()
{
    m_server = std::make_unique<WbgetentitiesServer>();
    QVERIFY(m_server->listen());
    for (const char* f : {"wdtk_wbgetentities-Q1.json", "wdtk_wbgetentities-Q6-Q42-P31.json",
                          "wdtk_wbgetentities-Q32063953.json", "dahlia-wikidata_entitydata_Q494290.json"})
        m_server->loadEntities(wt::test::dataPath(QStringLiteral("wikidata/") + QLatin1String(f)));
    m_now = kT0;
}

LabelResolverConfig LabelResolverTest::config(qint64* clock) const
{
    LabelResolverConfig c;
    c.apiUrl = m_server->apiUrl();
    c.language = QStringLiteral("kk");
    c.maxRequestsPerSecond = 20;
    c.initialBackoffMs = 50;
    qint64* source = clock ? clock : const_cast<qint64*>(&m_now);
    c.clock = [source] { return *source; };
    return c;
}

void LabelResolverTest::foundMissingAndFallback()
{
    LabelCache cache;
    LabelResolver resolver(cache, config());
    Collector got;
    got.attach(resolver);
    const QStringList ids{"Q1", "Q42", "Q6", "Q32063953"};
    resolver.requestLabels(ids);
    QVERIFY(got.waitFor(ids));
    QCOMPARE(m_server->requests().size(), 1);
    const auto& req = m_server->requests()[0];
    QCOMPARE(req.query.queryItemValue("action"), QStringLiteral("wbgetentities"));
    QCOMPARE(req.ids(), ids);
    QCOMPARE(req.query.queryItemValue("props", QUrl::FullyDecoded), QStringLiteral("labels|descriptions"));
    QCOMPARE(req.query.queryItemValue("languages", QUrl::FullyDecoded), QStringLiteral("kk|en"));
    QCOMPARE(req.query.queryItemValue("format"), QStringLiteral("json"));
    QCOMPARE(req.userAgent, QByteArray(wt::kUserAgent));
    // Q1 has a Kazakh label; its description only exists in English.
    QCOMPARE(got.all["Q1"].label, QString::fromUtf8("Әлем"));
    QCOMPARE(got.all["Q1"].language, QStringLiteral("kk"));
    QVERIFY(got.all["Q1"].description.startsWith(QLatin1String("totality of planets")));
    // Q42 has no Kazakh label: English.
    QCOMPARE(got.all["Q42"].label, QStringLiteral("Douglas Adams"));
    QCOMPARE(got.all["Q42"].language, QStringLiteral("en"));
    QCOMPARE(got.all["Q42"].description, QStringLiteral("English writer and humorist"));
    QVERIFY(got.all["Q42"].found());
    // Q6 is a missing entity.
    QVERIFY(!got.all["Q6"].found());
    QVERIFY(got.all["Q6"].label.isEmpty());
    // A redirect answers under the requested id with the target's (Karlsruhe) label.
    QCOMPARE(got.all["Q32063953"].label, QString::fromUtf8("Карлсруэ"));
    QCOMPARE(got.all["Q32063953"].language, QStringLiteral("kk"));
}

void LabelResolverTest::cachedLabelMakesNoRequest()
{
    QTemporaryDir dir;
    DatabaseOptions options;
    options.path = dir.filePath(QStringLiteral("labels.sqlite"));
    {
        HistoryDatabase db(options);
        QVERIFY(db.open().ok());
        LabelCache cache(&db);
        QVERIFY(cache.usesDatabase());
        LabelResolver resolver(cache, config());
        Collector got;
        got.attach(resolver);
        resolver.requestLabels({"Q42", "Q6"});
        QVERIFY(got.waitFor({"Q42", "Q6"}));
        QCOMPARE(m_server->requests().size(), 1);
        // Same resolver: answered at once from memory, synchronously, no request.
        got.all.clear();
        resolver.requestLabels({"Q42", "Q6"});
        QCOMPARE(got.all.size(), 2);
        QCOMPARE(resolver.stats().cacheHits, quint64(2));
    }
    // After a restart: from the file, still no request.
    HistoryDatabase db(options);
    QVERIFY(db.open().ok());
    LabelCache cache(&db);
    LabelResolver resolver(cache, config());
    Collector got;
    got.attach(resolver);
    resolver.requestLabels({"Q42", "Q6"});
    QCOMPARE(got.all.size(), 2);
    QCOMPARE(got.all["Q42"].label, QStringLiteral("Douglas Adams"));
    QCOMPARE(got.all["Q42"].language, QStringLiteral("en"));
    QVERIFY(!got.all["Q6"].found());
    QTest::qWait(100);
    QCOMPARE(m_server->requests().size(), 1);
}

void LabelResolverTest::ttlsExpireWithClock()
{
    qint64 clock = kT0;
    LabelCache cache;
    LabelResolver resolver(cache, config(&clock));
    Collector got;
    got.attach(resolver);
    resolver.requestLabels({"Q1", "Q6"});
    QVERIFY(got.waitFor({"Q1", "Q6"}));
    QCOMPARE(m_server->requests().size(), 1);

    clock = kT0 + 3 * kHour - 1; // both still valid
    resolver.requestLabels({"Q1", "Q6"});
    QTest::qWait(50);
    QCOMPARE(m_server->requests().size(), 1);

    clock = kT0 + 3 * kHour + 1; // missing entries live 3 hours
    got.all.clear();
    resolver.requestLabels({"Q1", "Q6"});
    QVERIFY(got.waitFor({"Q1", "Q6"}));
    QTRY_COMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests()[1].ids(), QStringList{"Q6"});

    clock = kT0 + 30 * kDay - 1; // found ones 30 days (Q6 was refetched at +3h)
    resolver.requestLabels({"Q1"});
    QTest::qWait(50);
    QCOMPARE(m_server->requests().size(), 2);
    clock = kT0 + 30 * kDay + 1;
    resolver.requestLabels({"Q1"});
    QTRY_COMPARE(m_server->requests().size(), 3);
    QCOMPARE(m_server->requests()[2].ids(), QStringList{"Q1"});
}

void LabelResolverTest::batchesOfFiftyOneInFlight()
{
    LabelCache cache;
    LabelResolverConfig cfg = config();
    cfg.maxRequestsPerSecond = 10; // at least 100 ms between request starts
    LabelResolver resolver(cache, cfg);
    m_server->setReplyDelayMs(60);
    Collector got;
    got.attach(resolver);
    QStringList ids;
    for (int i = 1; i <= 120; ++i)
        ids << QStringLiteral("Q%1").arg(i);
    resolver.requestLabels(ids);
    resolver.requestLabels(ids.mid(0, 10)); // asked again while queued: not requested twice
    QVERIFY(got.waitFor(ids));
    const auto& reqs = m_server->requests();
    QCOMPARE(reqs.size(), 3);
    QCOMPARE(reqs[0].ids().size(), 50);
    QCOMPARE(reqs[1].ids().size(), 50);
    QCOMPARE(reqs[2].ids().size(), 20);
    QStringList asked = reqs[0].ids() + reqs[1].ids() + reqs[2].ids();
    asked.sort();
    QStringList expected = ids;
    expected.sort();
    QCOMPARE(asked, expected);
    QCOMPARE(m_server->maxConcurrent(), 1);
    for (int i = 1; i < reqs.size(); ++i)
        QVERIFY2(reqs[i].arrivedMs - reqs[i - 1].arrivedMs >= 90,
                 qPrintable(QStringLiteral("requests %1 ms apart").arg(reqs[i].arrivedMs - reqs[i - 1].arrivedMs)));
    QCOMPARE(got.all["Q1"].label, QString::fromUtf8("Әлем"));
    QCOMPARE(got.all["Q42"].label, QStringLiteral("Douglas Adams"));
    QVERIFY(!got.all["Q100"].found());
}

void LabelResolverTest::retryAfterHonoured()
{
    LabelCache cache;
    LabelResolver resolver(cache, config());
    WbgetentitiesServer::Reply tooMany;
    tooMany.status = 429;
    tooMany.body = R"({"error":{"code":"ratelimited"}})";
    tooMany.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    m_server->enqueue(tooMany);
    Collector got;
    got.attach(resolver);
    resolver.requestLabels({"Q42"});
    QVERIFY(got.waitFor({"Q42"}, 10'000));
    QCOMPARE(got.emissions, 1); // nothing from the refused answer
    QCOMPARE(got.all["Q42"].label, QStringLiteral("Douglas Adams"));
    const auto& reqs = m_server->requests();
    QCOMPARE(reqs.size(), 2);
    QVERIFY2(reqs[1].arrivedMs - reqs[0].arrivedMs >= 950,
             qPrintable(QStringLiteral("retried after %1 ms").arg(reqs[1].arrivedMs - reqs[0].arrivedMs)));
    QCOMPARE(resolver.stats().rateLimited, quint64(1));
}

void LabelResolverTest::failuresCacheNothingAndRetry()
{
    LabelCache cache;
    LabelResolver resolver(cache, config());
    WbgetentitiesServer::Reply error500;
    error500.status = 500;
    error500.body = "Internal Server Error";
    WbgetentitiesServer::Reply malformed;
    malformed.body = R"({"entities":{"Q42":{"id":"Q42","labels":{"en":)";
    WbgetentitiesServer::Reply apiError; // the real API error answer: no entities
    QFile bogus(wt::test::dataPath(QStringLiteral("wikidata/wdtk_wbgetentities-bogus.json")));
    QVERIFY(bogus.open(QIODevice::ReadOnly));
    apiError.body = bogus.readAll();
    m_server->enqueue(error500);
    m_server->enqueue(malformed);
    m_server->enqueue(apiError);
    Collector got;
    got.attach(resolver);
    resolver.requestLabels({"Q42", "Q1"});
    // Nothing cached while failing.
    QTRY_COMPARE(m_server->requests().size(), 1);
    QVERIFY(!cache.lookup(QStringLiteral("Q42"), QStringLiteral("kk"), m_now));
    QVERIFY(got.waitFor({"Q42", "Q1"}));
    QCOMPARE(got.emissions, 1);
    QCOMPARE(m_server->requests().size(), 4);
    for (const auto& r : m_server->requests())
        QCOMPARE(r.ids(), QStringList({"Q42", "Q1"}));
    // Back-off grows: 50, 100, 200 ms.
    const auto& reqs = m_server->requests();
    QVERIFY(reqs[2].arrivedMs - reqs[1].arrivedMs >= 95);
    QVERIFY(reqs[3].arrivedMs - reqs[2].arrivedMs >= 190);
    QCOMPARE(resolver.stats().failures, quint64(3));
    QVERIFY(cache.lookup(QStringLiteral("Q42"), QStringLiteral("kk"), m_now).has_value());
}

void LabelResolverTest::noLabelInEitherLanguageIsMissing()
{
    // Q42 served without its English label (and it has no Kazakh one): an empty label is cached
    // as missing for 3 hours.
    m_server->dropLanguages({QStringLiteral("en")});
    LabelCache cache;
    LabelResolver resolver(cache, config());
    Collector got;
    got.attach(resolver);
    resolver.requestLabels({"Q42", "Q1"});
    QVERIFY(got.waitFor({"Q42", "Q1"}));
    QVERIFY(!got.all["Q42"].found());
    QCOMPARE(got.all["Q1"].label, QString::fromUtf8("Әлем"));
    QVERIFY(cache.lookup(QStringLiteral("Q42"), QStringLiteral("kk"), kT0 + 3 * kHour - 1).has_value());
    QVERIFY(!cache.lookup(QStringLiteral("Q42"), QStringLiteral("kk"), kT0 + 3 * kHour + 1).has_value());
}

void LabelResolverTest::answerWithoutRequestedIds()
{
    // The real "missing" answer of a site/title lookup (key "-1"): the ids asked for are absent.
    LabelCache cache;
    LabelResolver resolver(cache, config());
    QFile missing(wt::test::dataPath(QStringLiteral("wikidata/wdtk_wbgetentities-1234567890-missing.json")));
    QVERIFY(missing.open(QIODevice::ReadOnly));
    WbgetentitiesServer::Reply reply;
    reply.body = missing.readAll();
    m_server->enqueue(reply);
    Collector got;
    got.attach(resolver);
    resolver.requestLabels({"Q1234567890"});
    QVERIFY(got.waitFor({"Q1234567890"}));
    QVERIFY(!got.all["Q1234567890"].found());
    // And the real missing-MediaInfo answer shape, served for a Q-id by the entities answer.
    resolver.requestLabels({"Q6"});
    QVERIFY(got.waitFor({"Q6"}));
    QVERIFY(!got.all["Q6"].found());
    // Not ids at all are never requested.
    const int before = m_server->requests().size();
    resolver.requestLabels({"P31", "M91629437", "Q0", "q5", "Q42abc", ""});
    QTest::qWait(100);
    QCOMPARE(m_server->requests().size(), before);
}

void LabelResolverTest::offlineKeepsBareIds()
{
    // A port nothing listens on: connection refused, retried with back-off, nothing breaks.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    LabelCache cache;
    LabelResolverConfig cfg = config();
    cfg.apiUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/w/api.php").arg(port));
    LabelResolver resolver(cache, cfg);
    Collector got;
    got.attach(resolver);
    resolver.requestLabels({"Q42", "Q1"});
    QTRY_VERIFY_WITH_TIMEOUT(resolver.stats().failures >= 2, 5000);
    QCOMPARE(got.emissions, 0);
    QCOMPARE(resolver.stats().pending, 2); // still waiting for the network, not lost
    QVERIFY(!cache.lookup(QStringLiteral("Q42"), QStringLiteral("kk"), m_now));
}

QTEST_GUILESS_MAIN(LabelResolverTest)
#include "tst_LabelResolver.moc"
