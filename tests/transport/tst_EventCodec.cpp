// EventCodec: every real event survives encode -> decode unchanged, the output is valid JSON for
// an independent parser (QJsonDocument), hostile strings are escaped, bad messages are values.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "support/KafkaHarness.h"
#include "transport/EventCodec.h"

using namespace wt;
using transport::DecodeError;
using transport::EventCodec;

class tst_EventCodec : public QObject {
    Q_OBJECT
private slots:
    void roundTripsEveryRealEvent();
    void outputIsValidJsonWithDocumentedFields();
    void escapesControlCharactersAndKeepsUtf8();
    void replacesInvalidUtf8();
    void formatsIsoTime();
    void badMessagesAreCountedNotCrashes_data();
    void badMessagesAreCountedNotCrashes();
    void ignoresUnknownFields();
    void decodesFieldsInAnyOrder();
    void encodeAppendsToWhatIsThere();
};

void tst_EventCodec::roundTripsEveryRealEvent()
{
    EventCodec codec;
    int total = 0;
    for (const QString& file : test::recordingFiles()) {
        const auto events = test::recordingEvents(file);
        QVERIFY2(!events.empty(), qPrintable(file));
        for (const auto& e : events) {
            const std::string json = EventCodec::encode(e);
            event::EditEvent back;
            QCOMPARE(codec.decode(json, back), DecodeError::None);
            const QString diff = test::eventDifference(e, back);
            QVERIFY2(diff.isEmpty(), qPrintable(file + QStringLiteral(": ") + diff));
            ++total;
        }
    }
    QVERIFY2(total >= 6700, qPrintable(QString::number(total)));
}

void tst_EventCodec::outputIsValidJsonWithDocumentedFields()
{
    const auto events = test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"));
    QCOMPARE(events.size(), std::size_t(336));
    const QStringList documented = {
        "v", "meta_id", "time_ms", "dt", "wiki", "server_name", "project", "language", "type", "ns",
        "title", "user", "comment", "diff_url", "log_type", "rc_id", "rev_old", "rev_new", "len_old",
        "len_new", "delta", "bot", "minor", "anonymous", "temporary", "new_page", "patrolled",
        "no_length", "wikidata_item"};
    for (const auto& e : events) {
        const std::string json = EventCodec::encode(e);
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + QString::fromStdString(json)));
        const QJsonObject obj = doc.object();
        QCOMPARE(obj.keys().size(), documented.size());
        for (const auto& key : documented)
            QVERIFY2(obj.contains(key), qPrintable(key));
        QCOMPARE(obj.value("v").toInt(), 1);
        QCOMPARE(obj.value("title").toString().toStdString(), e.title);
        QCOMPARE(obj.value("comment").toString().toStdString(), e.comment);
        QCOMPARE(static_cast<qint64>(obj.value("time_ms").toDouble()), e.timeMs);
        QCOMPARE(QDateTime::fromString(obj.value("dt").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(), e.timeMs);
    }
}

void tst_EventCodec::escapesControlCharactersAndKeepsUtf8()
{
    event::EditEvent e;
    e.metaId = "id-1";
    e.wiki = "enwiki";
    e.title = "Quote \" backslash \\ slash / tab\t nl\n cr\r bell\x07 nul";
    e.title.push_back('\0');
    e.title += " del\x7f";
    e.comment = "Ünïcödé 漢字 📥 \xE2\x80\x8C zwnj, RTL עברית";
    const std::string json = EventCodec::encode(e);
    QVERIFY(json.find('\n') == std::string::npos);
    QVERIFY(json.find("\\u0007") != std::string::npos);
    QVERIFY(json.find("\\u0000") != std::string::npos);
    QVERIFY(json.find("📥") != std::string::npos); // passed through, not \u-escaped
    EventCodec codec;
    event::EditEvent back;
    QCOMPARE(codec.decode(json, back), DecodeError::None);
    QCOMPARE(back.title, e.title);
    QCOMPARE(back.comment, e.comment);
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    QCOMPARE(doc.object().value("comment").toString(), QString::fromStdString(e.comment));
}

void tst_EventCodec::replacesInvalidUtf8()
{
    event::EditEvent e;
    e.metaId = "id-2";
    e.wiki = "enwiki";
    e.title = "bad \xC3 lone, \xED\xA0\x80 surrogate, \xF8 ok";
    const std::string json = EventCodec::encode(e);
    EventCodec codec;
    event::EditEvent back;
    QCOMPARE(codec.decode(json, back), DecodeError::None); // simdjson validates UTF-8 strictly
    QCOMPARE(back.title, std::string("bad \xEF\xBF\xBD lone, \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD surrogate, \xEF\xBF\xBD ok"));
}

void tst_EventCodec::formatsIsoTime()
{
    std::string s;
    EventCodec::appendIsoTime(1532278800000, s);
    QCOMPARE(QString::fromStdString(s), QStringLiteral("2018-07-22T17:00:00.000Z"));
    s.clear();
    EventCodec::appendIsoTime(1772120976544, s);
    QCOMPARE(QString::fromStdString(s), QStringLiteral("2026-02-26T15:49:36.544Z"));
    s.clear();
    EventCodec::appendIsoTime(-1, s);
    QCOMPARE(QString::fromStdString(s), QStringLiteral("1969-12-31T23:59:59.999Z"));
}

void tst_EventCodec::badMessagesAreCountedNotCrashes_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("expected");
    const QByteArray good = QByteArray::fromStdString(
        EventCodec::encode(test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front()));
    QTest::newRow("empty") << QByteArray() << int(DecodeError::BadJson);
    QTest::newRow("garbage") << QByteArray("\x01\x02 not json") << int(DecodeError::BadJson);
    QTest::newRow("array") << QByteArray("[1,2]") << int(DecodeError::BadJson);
    QTest::newRow("truncated") << good.left(good.size() / 2) << int(DecodeError::BadJson);
    QTest::newRow("invalid utf8") << QByteArray("{\"v\":1,\"title\":\"\xC3\"}") << int(DecodeError::BadJson);
    QTest::newRow("raw recentchange") << QByteArray::fromStdString(test::recordingLines("timescale_wikistream.ndjson").front())
                                      << int(DecodeError::NotOurSchema);
    QTest::newRow("future version") << QByteArray(good).replace("{\"v\":1", "{\"v\":2") << int(DecodeError::UnsupportedVersion);
    QTest::newRow("missing title") << QByteArray(good).replace("\"title\":", "\"titel\":") << int(DecodeError::MissingField);
    QTest::newRow("wrong type") << QByteArray(good).replace("\"ns\":0", "\"ns\":\"zero\"") << int(DecodeError::WrongType);
}

void tst_EventCodec::badMessagesAreCountedNotCrashes()
{
    QFETCH(QByteArray, message);
    QFETCH(int, expected);
    EventCodec codec;
    event::EditEvent out;
    QCOMPARE(int(codec.decode(std::string_view(message.constData(), message.size()), out)), expected);
    // The codec stays usable after a bad message.
    const auto e = test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front();
    QCOMPARE(codec.decode(EventCodec::encode(e), out), DecodeError::None);
    QVERIFY(test::eventDifference(e, out).isEmpty());
}

void tst_EventCodec::ignoresUnknownFields()
{
    const auto e = test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front();
    std::string json = EventCodec::encode(e);
    json.insert(1, "\"future\":{\"nested\":[1,2,{\"x\":null}]},");
    EventCodec codec;
    event::EditEvent back;
    QCOMPARE(codec.decode(json, back), DecodeError::None);
    QVERIFY(test::eventDifference(e, back).isEmpty());
}

// Another producer may write the fields in any order: QJsonDocument writes them sorted by name,
// the opposite of the order decode() tries first.
void tst_EventCodec::decodesFieldsInAnyOrder()
{
    EventCodec codec;
    int flagsSeen = 0;
    for (const auto& e : test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"))) {
        const QByteArray sorted = QJsonDocument::fromJson(QByteArray::fromStdString(EventCodec::encode(e)))
                                      .toJson(QJsonDocument::Compact);
        QVERIFY(sorted.startsWith("{\"anonymous\":"));
        event::EditEvent back;
        QCOMPARE(codec.decode(std::string_view(sorted.constData(), sorted.size()), back), DecodeError::None);
        const QString diff = test::eventDifference(e, back);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        flagsSeen |= back.flags;
    }
    QVERIFY(flagsSeen & event::Flag::Bot);
    QVERIFY(flagsSeen & event::Flag::Minor);
}

void tst_EventCodec::encodeAppendsToWhatIsThere()
{
    const auto e = test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front();
    std::string line = "enwiki\t";
    EventCodec::encode(e, line);
    QCOMPARE(line, "enwiki\t" + EventCodec::encode(e));
    std::vector<char> buffer(EventCodec::maxEncodedSize(e));
    const char* end = EventCodec::encodeTo(e, buffer.data());
    QCOMPARE(std::string(static_cast<const char*>(buffer.data()), end), EventCodec::encode(e));
}

QTEST_GUILESS_MAIN(tst_EventCodec)
#include "tst_EventCodec.moc"
