// SseClient against a real scripted SSE server on 127.0.0.1: resume without loss or doubles,
// headers, back-off, Retry-After, idle reconnects, 204, redirects and fatal answers.
#include "ingest/SseClient.h"
#include "support/SseTestServer.h"
#include "support/TestData.h"
#include "wikitide/Version.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace wt::ingest;
using wt::test::SseReply;
using wt::test::SseTestServer;
using End = SseReply::End;

namespace {

QByteArrayList realEvents(int count)
{
    QFile file(wt::test::dataPath(QStringLiteral("dataplumbhub.ndjson")));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test data");
    QByteArrayList events;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty() && events.size() < count)
            events << line;
    }
    return events;
}

// Levels of what the client logged, to check that routine drops are not reported as errors.
QList<QtMsgType> g_sseLogLevels;
QtMessageHandler g_previousHandler = nullptr;
void captureSseLog(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (context.category && QByteArray(context.category) == "wikitide.ingest.sse")
        g_sseLogLevels << type;
    g_previousHandler(type, context, message);
}

// Collects everything a client says, for assertions after the fact.
struct Recorder {
    std::vector<SseMessage> messages;
    int batches = 0;
    QList<ConnectionState> states;
    QStringList details;
    QList<int> delays;
    int finished = 0;
    QStringList errors;

    void attach(SseClient* client, Qt::ConnectionType type = Qt::AutoConnection)
    {
        QObject::connect(
            client, &SseClient::messagesReceived, client,
            [this](const std::vector<SseMessage>& batch) {
                ++batches;
                messages.insert(messages.end(), batch.begin(), batch.end());
            },
            type);
        QObject::connect(
            client, &SseClient::stateChanged, client,
            [this](ConnectionState s, const QString& detail, int retryInMs) {
                states << s;
                details << detail;
                delays << retryInMs;
            },
            type);
        QObject::connect(
            client, &SseClient::finished, client, [this] { ++finished; }, type);
        QObject::connect(
            client, &SseClient::fatalError, client, [this](const QString& m) { errors << m; },
            type);
    }
    QList<int> delaysOf(ConnectionState wanted) const
    {
        QList<int> out;
        for (qsizetype i = 0; i < states.size(); ++i)
            if (states[i] == wanted)
                out << delays[i];
        return out;
    }
};

} // namespace

class TestSseClient : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void helpers();
    void resumesAcrossDropsWithoutLossOrDuplicates_data();
    void resumesAcrossDropsWithoutLossOrDuplicates();
    void stalledConnectionIsReplaced();
    void initialIdAndSinceOnFirstConnectOnly();
    void retryAfterHonoured_data();
    void retryAfterHonoured();
    void noContentFinishesWithoutReconnecting();
    void redirectsFollowed_data();
    void redirectsFollowed();
    void fatalAnswersStopReconnecting_data();
    void fatalAnswersStopReconnecting();
    void backoffGrowsIsCappedAndResets();
    void retryFieldSetsTheBaseDelay();
    void unreachableServerKeepsRetryingOffline();
    void oversizedEventsSkippedAndCounted();
    void runsOnItsOwnThread();

private:
    SseClientConfig config(const QString& path = QStringLiteral("/v2/stream/recentchange")) const
    {
        SseClientConfig c;
        c.url = m_server->url(path);
        c.minBackoffMs = 20;
        c.maxBackoffMs = 160;
        c.idleTimeoutMs = 2000;
        c.jitterSeed = 7;
        return c;
    }
    void expectAllEventsOnce(const Recorder& recorder) const
    {
        QCOMPARE(int(recorder.messages.size()), m_events.size());
        for (int i = 0; i < m_events.size(); ++i) {
            QCOMPARE(QByteArray::fromStdString(recorder.messages[i].data), m_events[i]);
            QCOMPARE(QByteArray::fromStdString(recorder.messages[i].id), m_server->idOf(i));
            QCOMPARE(recorder.messages[i].event, std::string("message"));
        }
    }

    SseTestServer* m_server = nullptr;
    QByteArrayList m_events;
};

void TestSseClient::init()
{
    m_server = new SseTestServer;
    QVERIFY(m_server->listen());
    m_events = realEvents(12);
    QCOMPARE(m_events.size(), 12);
    m_server->setEvents(m_events);
}

void TestSseClient::cleanup()
{
    // Checked after every case: the client never held two connections at once.
    QVERIFY(m_server->maxOpenConnections() <= 1);
    delete m_server;
    m_server = nullptr;
}

void TestSseClient::helpers()
{
    QCOMPARE(backoffCeilingMs(0, 1000, 60000), 2000);
    QCOMPARE(backoffCeilingMs(3, 1000, 60000), 16000);
    QCOMPARE(backoffCeilingMs(10, 1000, 60000), 60000);
    QCOMPARE(backoffCeilingMs(40, 1000, 60000), 60000);

    const QDateTime now = QDateTime::fromString("2015-10-21T07:28:00Z", Qt::ISODate);
    QCOMPARE(parseRetryAfterMs("1", now), std::optional<int>(1000));
    QCOMPARE(parseRetryAfterMs(" 120 ", now), std::optional<int>(120000));
    QCOMPARE(parseRetryAfterMs("Wed, 21 Oct 2015 07:28:30 GMT", now), std::optional<int>(30000));
    QCOMPARE(parseRetryAfterMs("Wed, 21 Oct 2015 07:27:00 GMT", now), std::optional<int>(0));
    QCOMPARE(parseRetryAfterMs("-5", now), std::nullopt);
    QCOMPARE(parseRetryAfterMs("soon", now), std::nullopt);
    QCOMPARE(parseRetryAfterMs("", now), std::nullopt);
    QCOMPARE(parseRetryAfterMs("99999999999", now), std::optional<int>(3600 * 1000));

    QVERIFY(isAllowedStreamUrl(QUrl("https://stream.wikimedia.org/v2/stream/recentchange")));
    QVERIFY(isAllowedStreamUrl(QUrl("http://127.0.0.1:8080/x")));
    QVERIFY(isAllowedStreamUrl(QUrl("http://localhost/x")));
    QVERIFY(isAllowedStreamUrl(QUrl("http://[::1]:80/x")));
    QVERIFY(!isAllowedStreamUrl(QUrl("http://stream.wikimedia.org/v2/stream/recentchange")));
    QVERIFY(!isAllowedStreamUrl(QUrl("ftp://127.0.0.1/x")));
    QVERIFY(!isAllowedStreamUrl(QUrl("not a url")));

    QCOMPARE(connectionStateName(ConnectionState::Offline), "offline");
    QCOMPARE(connectionStateName(ConnectionState::Live), "live");
}

void TestSseClient::resumesAcrossDropsWithoutLossOrDuplicates_data()
{
    QTest::addColumn<int>("chunkSize");
    QTest::newRow("whole events") << 0;
    QTest::newRow("one byte per chunk") << 1;
    QTest::newRow("7-byte chunks") << 7;
    QTest::newRow("1000-byte chunks") << 1000;
}

void TestSseClient::resumesAcrossDropsWithoutLossOrDuplicates()
{
    QFETCH(int, chunkSize);
    m_server->enqueue(SseReply::streaming(3, End::DropMidEvent, chunkSize));
    m_server->enqueue(SseReply::streaming(0, End::DropMidEvent, chunkSize)); // cut in event one
    m_server->enqueue(SseReply::streaming(4, End::DropMidEvent, chunkSize));
    m_server->enqueue(SseReply::streaming(-1, End::Close, chunkSize));
    // then the default reply: 204, the end.

    SseClient client(config());
    Recorder recorder;
    recorder.attach(&client);
    g_sseLogLevels.clear();
    g_previousHandler = qInstallMessageHandler(captureSseLog);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);
    qInstallMessageHandler(g_previousHandler);

    expectAllEventsOnce(recorder);
    // Drops are routine: said at info level, never as warnings or errors.
    QVERIFY(g_sseLogLevels.count(QtInfoMsg) >= 4);
    QCOMPARE(g_sseLogLevels.count(QtWarningMsg) + g_sseLogLevels.count(QtCriticalMsg), 0);
    QCOMPARE(recorder.states.count(ConnectionState::Connecting), 5);
    QCOMPARE(recorder.states.count(ConnectionState::Live), 4);
    QCOMPARE(recorder.states.count(ConnectionState::Reconnecting), 4);
    const auto& requests = m_server->requests();
    QCOMPARE(requests.size(), 5);
    QVERIFY(!requests[0].hasHeader("Last-Event-ID"));
    QCOMPARE(requests[1].header("Last-Event-ID"), m_server->idOf(2));
    QCOMPARE(requests[2].header("Last-Event-ID"), m_server->idOf(2)); // nothing complete since
    QCOMPARE(requests[3].header("Last-Event-ID"), m_server->idOf(6));
    QCOMPARE(requests[4].header("Last-Event-ID"), m_server->idOf(11));
    for (const auto& request : requests) {
        QCOMPARE(request.header("User-Agent"), QByteArray(wt::kUserAgent));
        QCOMPARE(request.header("Accept"), QByteArray("text/event-stream"));
        QCOMPARE(request.header("Cache-Control"), QByteArray("no-cache"));
        QVERIFY(!request.target.contains("since="));
    }
    QCOMPARE(client.reconnects(), quint64(4));
    QCOMPARE(client.state(), ConnectionState::Finished);
    QVERIFY(recorder.errors.isEmpty());
    if (chunkSize == 1)
        QCOMPARE(recorder.batches, int(m_events.size())); // one-byte reads: one event each
    else if (chunkSize == 0)
        QVERIFY(recorder.batches < int(m_events.size())); // whole writes: several per read
}

void TestSseClient::stalledConnectionIsReplaced()
{
    m_server->enqueue(SseReply::streaming(5, End::Stall));
    m_server->enqueue(SseReply::streaming(-1, End::Close));
    SseClientConfig c = config();
    c.idleTimeoutMs = 250;
    SseClient client(c);
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);

    expectAllEventsOnce(recorder);
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(m_server->requests()[1].header("Last-Event-ID"), m_server->idOf(4));
    QVERIFY(recorder.details.filter("no data for").size() == 1);
    QVERIFY(recorder.states.contains(ConnectionState::Reconnecting));
}

void TestSseClient::initialIdAndSinceOnFirstConnectOnly()
{
    m_server->enqueue(SseReply::streaming(2, End::DropMidEvent));
    m_server->enqueue(SseReply::streaming(-1, End::Close));
    SseClientConfig c = config();
    c.initialLastEventId = m_server->idOf(4).toStdString();
    c.since = QDateTime::fromString("2024-05-01T14:00:00+02:00", Qt::ISODate);
    SseClient client(c);
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);

    const auto& requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[0].header("Last-Event-ID"), m_server->idOf(4));
    QVERIFY2(requests[0].target.contains("since=2024-05-01T12:00:00Z"), requests[0].target);
    QVERIFY(!requests[1].target.contains("since"));
    QVERIFY(!requests[2].target.contains("since"));
    QCOMPARE(requests[1].header("Last-Event-ID"), m_server->idOf(6));
    QCOMPARE(int(recorder.messages.size()), m_events.size() - 5);
    QCOMPARE(QByteArray::fromStdString(recorder.messages.front().data), m_events[5]);
}

void TestSseClient::retryAfterHonoured_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("httpDate");
    QTest::newRow("429 seconds") << 429 << false;
    QTest::newRow("503 seconds") << 503 << false;
    QTest::newRow("429 http date") << 429 << true;
}

void TestSseClient::retryAfterHonoured()
{
    QFETCH(int, status);
    QFETCH(bool, httpDate);
    // An HTTP date has whole seconds: 2 s ahead is at least 1 s away.
    const QByteArray retryAfter =
        httpDate ? QLocale::c()
                       .toString(QDateTime::currentDateTimeUtc().addSecs(2),
                                 QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                       .toLatin1()
                 : QByteArray("1");
    m_server->enqueue(SseReply::answer(status, {{"Retry-After", retryAfter}}));
    m_server->enqueue(SseReply::streaming(-1, End::Close));
    SseClient client(config());
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);

    const auto& requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    const qint64 gap = requests[1].receivedAtMs - requests[0].receivedAtMs;
    QVERIFY2(gap >= 900, qPrintable(QString::number(gap)));
    QVERIFY(recorder.delaysOf(ConnectionState::Reconnecting).value(0) >= 900);
    expectAllEventsOnce(recorder);
}

void TestSseClient::noContentFinishesWithoutReconnecting()
{
    SseClient client(config());
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 5000);
    QTest::qWait(300); // ten minimum back-offs: long enough for any wrong reconnect
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(recorder.finished, 1);
    QCOMPARE(client.state(), ConnectionState::Finished);
    QCOMPARE(client.reconnects(), quint64(0));
    QVERIFY(recorder.errors.isEmpty());
}

void TestSseClient::redirectsFollowed_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("301") << 301;
    QTest::newRow("302") << 302;
}

void TestSseClient::redirectsFollowed()
{
    QFETCH(int, status);
    m_server->enqueue(SseReply::answer(status, {{"Location", "/v2/stream/moved"}}));
    m_server->enqueue(SseReply::streaming(-1, End::Close));
    SseClient client(config());
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);
    expectAllEventsOnce(recorder);
    const auto& requests = m_server->requests();
    QVERIFY(requests.size() >= 2);
    QCOMPARE(requests[0].path, QByteArray("/v2/stream/recentchange"));
    QCOMPARE(requests[1].path, QByteArray("/v2/stream/moved"));
    QCOMPARE(requests[1].header("Accept"), QByteArray("text/event-stream"));
    QVERIFY(recorder.errors.isEmpty());
}

void TestSseClient::fatalAnswersStopReconnecting_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("wrong content type")
        << 200 << QByteArray("application/json") << QByteArray() << "application/json";
    QTest::newRow("404") << 404 << QByteArray() << QByteArray() << "404";
    QTest::newRow("403") << 403 << QByteArray() << QByteArray() << "403";
    QTest::newRow("redirect to plain http elsewhere")
        << 301 << QByteArray() << QByteArray("http://stream.example.org/x") << "https";
}

void TestSseClient::fatalAnswersStopReconnecting()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, location);
    QFETCH(QString, mentions);
    if (!contentType.isEmpty()) {
        SseReply reply = SseReply::streaming(-1, End::Close);
        reply.contentType = contentType;
        m_server->setDefaultReply(reply);
    } else if (!location.isEmpty()) {
        m_server->setDefaultReply(SseReply::answer(status, {{"Location", location}}));
    } else {
        m_server->setDefaultReply(SseReply::answer(status, {}, "not here"));
    }
    SseClient client(config());
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.errors.size(), 1, 5000);
    QTest::qWait(300);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(recorder.errors.size(), 1);
    QVERIFY2(recorder.errors[0].contains(mentions), qPrintable(recorder.errors[0]));
    QCOMPARE(client.state(), ConnectionState::Failed);
    QVERIFY(recorder.messages.empty());
    QCOMPARE(recorder.finished, 0);
}

void TestSseClient::backoffGrowsIsCappedAndResets()
{
    for (int i = 0; i < 7; ++i)
        m_server->enqueue(SseReply::answer(503));
    m_server->enqueue(SseReply::streaming(2, End::Close)); // healthy: one event is enough
    m_server->enqueue(SseReply::answer(503));
    m_server->enqueue(SseReply::streaming(-1, End::Close));
    SseClient client(config());
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);
    expectAllEventsOnce(recorder);

    const QList<int> delays = recorder.delaysOf(ConnectionState::Reconnecting);
    QCOMPARE(delays.size(), 10); // 7 + 1 after the healthy stream + 1 + 1 before the 204
    for (int k = 0; k < 7; ++k) {
        QVERIFY2(delays[k] >= 20 && delays[k] <= backoffCeilingMs(k, 20, 160),
                 qPrintable(QString("attempt %1: %2 ms").arg(k).arg(delays[k])));
    }
    QVERIFY(*std::max_element(delays.begin(), delays.begin() + 7) > 40); // it grew
    QVERIFY(*std::max_element(delays.begin(), delays.end()) <= 160);     // and is capped
    QVERIFY(delays[7] <= backoffCeilingMs(0, 20, 160)); // reset by the healthy connection
    QVERIFY(
        recorder.details[recorder.states.indexOf(ConnectionState::Reconnecting)].contains("503"));
}

void TestSseClient::retryFieldSetsTheBaseDelay()
{
    SseReply first = SseReply::streaming(3, End::Close);
    first.preamble = ":ok\n\nretry: 400\n\n";
    m_server->enqueue(first);
    m_server->enqueue(SseReply::streaming(-1, End::Close));
    SseClientConfig c = config();
    c.maxBackoffMs = 1000;
    SseClient client(c);
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);
    expectAllEventsOnce(recorder);
    const QList<int> delays = recorder.delaysOf(ConnectionState::Reconnecting);
    QVERIFY(!delays.isEmpty());
    // retry: 400 replaces the 20 ms minimum as the base of the back-off.
    QVERIFY2(delays[0] >= 400 && delays[0] <= 800, qPrintable(QString::number(delays[0])));
    const auto& requests = m_server->requests();
    QVERIFY(requests[1].receivedAtMs - requests[0].receivedAtMs >= 380);
}

void TestSseClient::unreachableServerKeepsRetryingOffline()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close(); // nothing listens there now
    SseClientConfig c = config();
    c.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v2/stream/recentchange").arg(port));
    SseClient client(c);
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.delaysOf(ConnectionState::Offline).size() >= 3, 5000);
    QCOMPARE(client.state() == ConnectionState::Offline ||
                 client.state() == ConnectionState::Connecting,
             true);
    QVERIFY(recorder.errors.isEmpty());
    QVERIFY(client.reconnects() >= 2);
    const qsizetype at = recorder.states.indexOf(ConnectionState::Offline);
    QVERIFY2(recorder.details[at].contains("cannot reach 127.0.0.1"),
             qPrintable(recorder.details[at]));
    QVERIFY(recorder.details[at].contains("reconnecting in"));
    QVERIFY(recorder.delays[at] >= 20);
    client.stop();
    QCOMPARE(recorder.finished, 1);
    QCOMPARE(client.state(), ConnectionState::Finished);
}

void TestSseClient::oversizedEventsSkippedAndCounted()
{
    SseClientConfig c = config();
    c.maxEventBytes = 1200;
    int small = 0;
    for (const QByteArray& e : std::as_const(m_events))
        small += e.size() <= 1200 ? 1 : 0;
    QVERIFY(small > 0 && small < m_events.size());
    m_server->enqueue(SseReply::streaming(-1, End::Close, 100));
    SseClient client(c);
    Recorder recorder;
    recorder.attach(&client);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);
    QCOMPARE(int(recorder.messages.size()), small);
    QCOMPARE(client.oversizedSkipped(), quint64(m_events.size() - small));
    QCOMPARE(QByteArray::fromStdString(client.lastEventId()), m_server->idOf(11));
}

void TestSseClient::runsOnItsOwnThread()
{
    m_server->enqueue(SseReply::streaming(6, End::DropMidEvent, 300));
    m_server->enqueue(SseReply::streaming(-1, End::Close, 300));
    QThread ingest;
    auto* client = new SseClient(config());
    client->moveToThread(&ingest);
    connect(&ingest, &QThread::finished, client, &QObject::deleteLater);
    Recorder recorder;
    QObject receiver; // lives here: signals arrive queued on the test thread
    connect(client, &SseClient::messagesReceived, &receiver,
            [&](const std::vector<SseMessage>& batch) {
                QCOMPARE(QThread::currentThread(), QCoreApplication::instance()->thread());
                recorder.messages.insert(recorder.messages.end(), batch.begin(), batch.end());
            });
    connect(client, &SseClient::finished, &receiver, [&] { ++recorder.finished; });
    ingest.start();
    QMetaObject::invokeMethod(client, &SseClient::start, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished, 1, 10000);
    ingest.quit();
    QVERIFY(ingest.wait(5000));
    expectAllEventsOnce(recorder);
}

QTEST_GUILESS_MAIN(TestSseClient)
#include "tst_SseClient.moc"
