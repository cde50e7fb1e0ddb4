// EventParser against every real recorded event, a hand-checked handful, ISO 8601 forms and
// bad input that must come back as a reason, never as a crash.

#include "event/EventParser.h"
#include "support/Recordings.h"

#include <QTest>

using namespace wt;
using event::EditEvent;
using event::EditType;
using event::ParseStatus;
using ingest::RejectReason;
namespace Flag = event::Flag;

namespace {

// A minimal valid event in the current wire form; bad-input rows are variations of it.
const QByteArray kValid =
    R"({"$schema":"/mediawiki/recentchange/1.0.0","meta":{"id":"9a0e1c1e-0000-4000-8000-)"
    R"(000000000001","dt":"2024-02-06T16:58:08Z","domain":"en.wikipedia.org"},"id":1,)"
    R"("type":"edit","namespace":0,"title":"Earth","user":"Alice","bot":false,)"
    R"("length":{"old":10,"new":12},"revision":{"old":5,"new":6},)"
    R"("server_name":"en.wikipedia.org","wiki":"enwiki"})";

QByteArray replaced(const QByteArray& from, const QByteArray& to)
{
    QByteArray copy = kValid;
    copy.replace(from, to);
    return copy;
}

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

} // namespace

class TestEventParser : public QObject {
    Q_OBJECT
private slots:
    void validTemplateParses()
    {
        event::EventParser parser;
        EditEvent e;
        const auto r = parser.parse(view(kValid), e);
        QCOMPARE(int(r.status), int(ParseStatus::Ok));
        QCOMPARE(e.title, std::string("Earth"));
        QCOMPARE(e.lengthNew, 12);
    }

    void realRecordings_data()
    {
        QTest::addColumn<QString>("file");
        const auto files = test::recordingFiles();
        QVERIFY(files.size() >= 16);
        for (const auto& f : files)
            QTest::newRow(qPrintable(f)) << f;
    }
    void realRecordings()
    {
        QFETCH(QString, file);
        const auto lines = test::recordingLines(file);
        QVERIFY(!lines.empty());
        event::EventParser parser;
        EditEvent e;
        std::size_t ok = 0;
        for (const auto& line : lines) {
            const auto r = parser.parse(line, e);
            if (r.status != ParseStatus::Ok) {
                qWarning("rejected (%s): %.200s", r.detail, line.c_str());
                continue;
            }
            ++ok;
            QVERIFY(!e.metaId.empty());
            QCOMPARE(e.idHash, event::hashMetaId(e.metaId));
            QVERIFY(!e.title.empty());
            QVERIFY(!e.serverName.empty());
            QVERIFY(!e.wiki.empty());
            // 2017-01-01 .. 2027-01-01
            QVERIFY2(e.timeMs >= 1483228800000 && e.timeMs < 1798761600000, line.c_str());
            QVERIFY(e.type != EditType::Other);
            if (e.type == EditType::Log)
                QVERIFY(e.has(Flag::NoLength));
        }
        QCOMPARE(ok, lines.size());
    }

    void handChecked_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("metaId");
        QTest::addColumn<qint64>("timeMs");
        QTest::addColumn<qint64>("rcId");
        QTest::addColumn<qint64>("revOld");
        QTest::addColumn<qint64>("revNew");
        QTest::addColumn<int>("lengthOld");
        QTest::addColumn<int>("lengthNew");
        QTest::addColumn<int>("ns");
        QTest::addColumn<int>("flags");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("wiki");
        QTest::addColumn<QString>("serverName");
        QTest::addColumn<QString>("diffUrl");
        QTest::addColumn<QString>("logType");
        QTest::addColumn<QString>("comment");

        QTest::newRow("2017 +01:00 offset, IPv4 user") // meta.dt 07:27:48+01:00 == timestamp
            << "jesschampion_wikistream.ndjson"
            << "5de973af-f5a3-11e6-8555-1418776135a3" << qint64(1487399268000) << qint64(155185328)
            << qint64(78482004) << qint64(86001297) << 1134 << 1056 << 0 << 0 << int(EditType::Edit)
            << "Ronald Reagan Presidential Library"
            << "178.66.155.34"
            << "itwiki"
            << "it.wikipedia.org"
            << ""
            << ""
            << "{{S|biblioteche degli Stati Uniti d'America|California}}";
        QTest::newRow("2026 milliseconds, rcid > 2^31, non-ASCII user")
            << "sat99496_wikistream_lakehouse.ndjson"
            << "80a958b0-04c1-43d9-8d94-8f3b24526166" << qint64(1772120976544) << qint64(3213449330)
            << qint64(1172275143) << qint64(1172275261) << 5080 << 5121 << 6
            << int(Flag::Minor | Flag::Patrolled) << int(EditType::Edit)
            << "File:Vestemai08 109.jpg" << QString::fromUtf8("Störfix") << "commonswiki"
            << "commons.wikimedia.org"
            << "https://commons.wikimedia.org/w/index.php?diff=1172275261&oldid=1172275143&"
               "rcid=3213449330"
            << ""
            << "added [[Category:Bulgarenturm (Veste Coburg)]]";
        QTest::newRow("2018 log with id null")
            << "editgroups.ndjson"
            << "e8c9812b-2222-11e8-91d2-141877614a81" << qint64(1520439396000) << qint64(-1)
            << qint64(0) << qint64(0) << 0 << 0 << 0 << int(Flag::NoLength) << int(EditType::Log)
            << "Q50356106"
            << "YMS"
            << "wikidatawiki"
            << "www.wikidata.org"
            << ""
            << "patrol"
            << "";
        QTest::newRow("2018 new page with old null")
            << "editgroups.ndjson"
            << "61db7680-286b-11e8-a2ad-1418776134f3" << qint64(1521130230000) << qint64(685342450)
            << qint64(0) << qint64(649919235) << 0 << 159 << 0 << int(Flag::Bot | Flag::Patrolled)
            << int(EditType::New) << "Q52218094"
            << "QuickStatementsBot"
            << "wikidatawiki"
            << "www.wikidata.org"
            << ""
            << ""
            << "/* wbeditentity-create:0| */ #quickstatements; "
               "[[:toollabs:quickstatements/#mode=batch&batch=2213|batch #2213]] by "
               "[[User:Beireke1|]]";
        QTest::newRow("2026 temporary account")
            << "sat99496_wikistream_lakehouse.ndjson"
            << "971941e5-cc36-4490-a78d-6c95892311ad" << qint64(1772120977357) << qint64(343969171)
            << qint64(172249474) << qint64(172249491) << 42891 << 42891 << 0 << 0
            << int(EditType::Edit) << "Aparato respiratorio"
            << "~2026-12646-40"
            << "eswiki"
            << "es.wikipedia.org"
            << "https://es.wikipedia.org/w/index.php?diff=172249491&oldid=172249474"
            << ""
            << "/* partes del aparato respiratorio */";
        QTest::newRow("2023 IPv6 anonymous, enwiki without patrolled")
            << "polars_definitive_guide.ndjson"
            << "b7b84f63-69f7-4317-82b2-df4a3e853723" << qint64(1690617235000) << qint64(1659529963)
            << qint64(1167666634) << qint64(1167689477) << 65119 << 65323 << 0 << 0
            << int(EditType::Edit) << "Olha Kharlan"
            << "2603:7000:2101:AA00:2C88:EF86:E027:B1B9"
            << "enwiki"
            << "en.wikipedia.org"
            << "https://en.wikipedia.org/w/index.php?diff=1167689477&oldid=1167666634"
            << ""
            << "Ce";
        QTest::newRow("2019 Wikidata Q-id, escaped UTF-8 comment")
            << "amommendes_wikimedia_stream.ndjson"
            << "0fa6c0e8-8512-11e9-9082-1866da99501c" << qint64(1559464823000) << qint64(991067392)
            << qint64(930539434) << qint64(954176036) << 5640 << 5712 << 0 << int(Flag::Patrolled)
            << int(EditType::Edit) << "Q22597438"
            << "VIGNERON"
            << "wikidatawiki"
            << "www.wikidata.org"
            << ""
            << ""
            << QString::fromUtf8("/* wbsetdescription-add:1|sv */ sjö i Kanada, #quickstatements");
        QTest::newRow("2026 abusefilter log without id, temporary account")
            << "muneebkhan06_wikistream_kafka_2026.ndjson"
            << "b734bfe5-34b7-49ec-94a8-6ed9dbe566bc" << qint64(1790148369100) << qint64(-1)
            << qint64(0) << qint64(0) << 0 << 0 << 0 << int(Flag::NoLength) << int(EditType::Log)
            << "NewItem"
            << "~2026-51037-80"
            << "wikidatawiki"
            << "www.wikidata.org"
            << ""
            << "abusefilter"
            << "";
    }
    void handChecked()
    {
        QFETCH(QString, file);
        QFETCH(QString, metaId);
        const auto line = test::recordingLine(file, metaId.toStdString());
        QVERIFY2(!line.empty(), "event not found in the recording");
        event::EventParser parser;
        EditEvent e;
        const auto r = parser.parse(line, e);
        QCOMPARE(int(r.status), int(ParseStatus::Ok));
        QCOMPARE(QString::fromStdString(e.metaId), metaId);
        QTEST(qint64(e.timeMs), "timeMs");
        QTEST(qint64(e.rcId), "rcId");
        QTEST(qint64(e.revOld), "revOld");
        QTEST(qint64(e.revNew), "revNew");
        QTEST(int(e.lengthOld), "lengthOld");
        QTEST(int(e.lengthNew), "lengthNew");
        QTEST(int(e.ns), "ns");
        QTEST(int(e.flags), "flags");
        QTEST(int(e.type), "type");
        QTEST(QString::fromStdString(e.title), "title");
        QTEST(QString::fromStdString(e.user), "user");
        QTEST(QString::fromStdString(e.wiki), "wiki");
        QTEST(QString::fromStdString(e.serverName), "serverName");
        QTEST(QString::fromStdString(e.diffUrl), "diffUrl");
        QTEST(QString::fromStdString(e.logType), "logType");
        QTEST(QString::fromStdString(e.comment), "comment");
        // The parser fills raw fields only; derived ones are the Enricher's.
        QVERIFY(e.project.empty());
        QCOMPARE(e.delta, 0);
    }

    void hashIsStable()
    {
        // Fixed values (from an independent Python implementation): identical in every process.
        QCOMPARE(event::hashMetaId("80a958b0-04c1-43d9-8d94-8f3b24526166"),
                 std::uint64_t(0x6594206613d82fc4ull));
        QCOMPARE(event::hashMetaId(""), std::uint64_t(0x0ff2e69699c4857eull));
        QVERIFY(event::hashMetaId("a") != event::hashMetaId("b"));
    }

    void iso8601_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("Z") << "2024-08-22T04:02:22Z" << true << qint64(1724299342000);
        QTest::newRow("+00:00") << "2018-03-06T16:41:09+00:00" << true << qint64(1520354469000);
        QTest::newRow("+01:00") << "2017-02-18T07:27:48+01:00" << true << qint64(1487399268000);
        QTest::newRow("-05:30") << "2017-02-18T00:57:48-05:30" << true << qint64(1487399268000);
        QTest::newRow("+0100 basic offset")
            << "2017-02-18T07:27:48+0100" << true << qint64(1487399268000);
        QTest::newRow("+01 hour offset")
            << "2017-02-18T07:27:48+01" << true << qint64(1487399268000);
        QTest::newRow("milliseconds")
            << "2026-02-26T15:49:36.544Z" << true << qint64(1772120976544);
        QTest::newRow("one fraction digit")
            << "2026-02-26T15:49:36.5Z" << true << qint64(1772120976500);
        QTest::newRow("microseconds truncated")
            << "2026-02-26T15:49:36.544999Z" << true << qint64(1772120976544);
        QTest::newRow("comma fraction")
            << "2026-02-26T15:49:36,544Z" << true << qint64(1772120976544);
        QTest::newRow("no offset is UTC") << "2024-08-22T04:02:22" << true << qint64(1724299342000);
        QTest::newRow("space separator") << "2024-08-22 04:02:22Z" << true << qint64(1724299342000);
        QTest::newRow("basic form") << "20240822T040222Z" << true << qint64(1724299342000);
        QTest::newRow("no seconds") << "2024-08-22T04:02Z" << true << qint64(1724299320000);
        QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << true << qint64(1709164800000);
        QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << true << qint64(0);
        QTest::newRow("before epoch") << "1969-12-31T23:59:59Z" << true << qint64(-1000);
        QTest::newRow("offset crosses midnight")
            << "2024-01-01T00:30:00+01:00" << true << qint64(1704065400000);
        QTest::newRow("empty") << "" << false << qint64(0);
        QTest::newRow("date only") << "2024-08-22" << false << qint64(0);
        QTest::newRow("garbage") << "yesterday" << false << qint64(0);
        QTest::newRow("month 13") << "2024-13-01T00:00:00Z" << false << qint64(0);
        QTest::newRow("Feb 30") << "2024-02-30T00:00:00Z" << false << qint64(0);
        QTest::newRow("Feb 29 non-leap") << "2023-02-29T00:00:00Z" << false << qint64(0);
        QTest::newRow("hour 25") << "2024-08-22T25:00:00Z" << false << qint64(0);
        QTest::newRow("trailing text") << "2024-08-22T04:02:22Zx" << false << qint64(0);
        QTest::newRow("dot without digits") << "2024-08-22T04:02:22.Z" << false << qint64(0);
        QTest::newRow("bad offset") << "2024-08-22T04:02:22+1:00" << false << qint64(0);
        QTest::newRow("offset minutes 60") << "2024-08-22T04:02:22+01:60" << false << qint64(0);
        QTest::newRow("mixed forms") << "2024-08-22T040222Z" << false << qint64(0);
    }
    void iso8601()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        const QByteArray utf8 = text.toUtf8();
        bool parsedOk = !ok;
        const auto ms = event::parseIso8601Ms(view(utf8), parsedOk);
        QCOMPARE(parsedOk, ok);
        if (ok)
            QTEST(qint64(ms), "ms");
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("reason");
        const int ok = int(ParseStatus::Ok);
        const int rej = int(ParseStatus::Rejected);
        const int bad = int(RejectReason::BadJson);
        const int missing = int(RejectReason::MissingField);
        const int wrong = int(RejectReason::WrongType);
        const int utf8 = int(RejectReason::InvalidUtf8);
        const int large = int(RejectReason::TooLarge);

        QTest::newRow("truncated") << kValid.left(kValid.size() / 2) << rej << bad;
        QTest::newRow("truncated inside string") << kValid.left(30) << rej << bad;
        QTest::newRow("missing closing brace") << kValid.chopped(1) << rej << bad;
        QTest::newRow("empty") << QByteArray() << rej << bad;
        QTest::newRow("whitespace") << QByteArray(" \r\n") << rej << bad;
        QTest::newRow("garbage") << QByteArray("hello world") << rej << bad;
        QTest::newRow("trailing garbage") << kValid + " x" << rej << bad;
        QTest::newRow("array") << QByteArray("[" + kValid + "]") << rej << bad;
        QTest::newRow("number") << QByteArray("42") << rej << bad;
        QTest::newRow("string") << QByteArray(R"("meta")") << rej << bad;
        QTest::newRow("deep nesting") << QByteArray(100000, '[') << rej << bad;
        QTest::newRow("NUL at start") << QByteArray(1, '\0') + kValid << rej << bad;
        QTest::newRow("NUL in title") << replaced("Earth", QByteArray("Ea\0rth", 6)) << rej << bad;
        QTest::newRow("NUL after") << kValid + QByteArray(1, '\0') << rej << bad;
        QTest::newRow("invalid UTF-8 in title") << replaced("Earth", "Ea\xff"
                                                                     "rth")
                                                << rej << utf8;
        QTest::newRow("overlong UTF-8") << replaced("Earth", "\xc0\xaf") << rej << utf8;
        QTest::newRow("lone surrogate bytes") << replaced("Earth", "\xed\xa0\x80") << rej << utf8;
        QTest::newRow("truncated UTF-8 at end") << kValid + "\xe2\x82" << rej << utf8;
        // A field the parser never reads is still validated (simdjson's stage 1 sees it all).
        QTest::newRow("invalid UTF-8 in an ignored field")
            << replaced("/mediawiki/", "/media\xffwiki/") << rej << utf8;
        QTest::newRow("empty object") << QByteArray("{}") << rej << missing;
        QTest::newRow("no meta") << replaced(R"("meta":{)", R"("metx":{)") << rej << missing;
        QTest::newRow("no meta.id")
            << replaced("{\"id\":\"9a0e", "{\"ix\":\"9a0e") << rej << missing;
        QTest::newRow("no meta.dt") << replaced(R"("dt":)", R"("dx":)") << rej << missing;
        QTest::newRow("no type") << replaced(R"("type":)", R"("typo":)") << rej << missing;
        QTest::newRow("no title") << replaced(R"("title":)", R"("titel":)") << rej << missing;
        QTest::newRow("no host at all")
            << replaced(R"(,"server_name":"en.wikipedia.org","wiki":"enwiki")", "") << rej
            << missing;
        QTest::newRow("meta is a string")
            << QByteArray(R"({"meta":"x","type":"edit"})") << rej << wrong;
        QTest::newRow("meta.id is a number") << replaced(R"("id":"9a0e1c1e-0000-4000-8000-)"
                                                         R"(000000000001")",
                                                         R"("id":7)")
                                             << rej << wrong;
        QTest::newRow("meta.dt is a number")
            << replaced(R"("2024-02-06T16:58:08Z")", "1707238688") << rej << wrong;
        QTest::newRow("meta.dt not ISO")
            << replaced("2024-02-06T16:58:08Z", "06/02/2024") << rej << wrong;
        QTest::newRow("type is a number")
            << replaced(R"("type":"edit")", R"("type":142)") << rej << wrong;
        QTest::newRow("title is null") << replaced(R"("Earth")", "null") << rej << wrong;
        QTest::newRow("title is an array")
            << replaced(R"("Earth")", R"(["Earth"])") << rej << wrong;
        QTest::newRow("too large") << kValid + QByteArray(4 << 20, ' ') << rej << large;
        QTest::newRow("10 MiB line")
            << replaced("Earth", QByteArray(10 << 20, 'a')) << rej << large;
        QTest::newRow("canary") << replaced(R"("domain":"en.wikipedia.org")",
                                            R"("domain":"canary")")
                                << int(ParseStatus::Canary) << 0;

        // Accepted, with lenient handling of optional fields.
        QTest::newRow("type number-as-string")
            << replaced(R"("type":"edit")", R"("type":"142")") << ok << 0;
        QTest::newRow("unknown type")
            << replaced(R"("type":"edit")", R"("type":"external")") << ok << 0;
        QTest::newRow("user is a number") << replaced(R"("Alice")", "12") << ok << 0;
        QTest::newRow("bot is a string") << replaced(R"("bot":false)", R"("bot":"yes")") << ok << 0;
        QTest::newRow("length is null") << replaced(R"({"old":10,"new":12})", "null") << ok << 0;
        QTest::newRow("id is a float") << replaced(R"("id":1,)", R"("id":1.5,)") << ok << 0;
        QTest::newRow("id beyond int64")
            << replaced(R"("id":1,)", R"("id":99999999999999999999,)") << ok << 0;
        QTest::newRow("unknown fields and nesting")
            << replaced(R"("type")", R"("x":[{"a":[1,{"b":null}]},"\u00e9\ud83d\ude00"],"type")")
            << ok << 0;
        QTest::newRow("escaped title") << replaced("Earth", R"(E\"a\\r\u0074h)") << ok << 0;
        QTest::newRow("leading and trailing whitespace") << " \t" + kValid + "\r\n" << ok << 0;
        QTest::newRow("only wiki")
            << replaced(R"("server_name":"en.wikipedia.org",)", "") << ok << 0;
        QTest::newRow("only server_name") << replaced(R"(,"wiki":"enwiki")", "") << ok << 0;
    }
    void badInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, status);
        event::EventParser parser;
        EditEvent e;
        const auto r = parser.parse(view(json), e);
        QVERIFY(r.detail != nullptr);
        QCOMPARE(int(r.status), status);
        if (status == int(ParseStatus::Rejected)) {
            QTEST(int(r.reason), "reason");
            QVERIFY(r.detail[0] != '\0');
        }
        // The parser must stay usable after any input.
        const auto again = parser.parse(view(kValid), e);
        QCOMPARE(int(again.status), int(ParseStatus::Ok));
        QCOMPARE(e.title, std::string("Earth"));
        QCOMPARE(e.wiki, std::string("enwiki"));
    }

    void lenientValues()
    {
        event::EventParser parser;
        EditEvent e;
        QCOMPARE(int(parser.parse(view(replaced(R"("type":"edit")", R"("type":"142")")), e).status),
                 int(ParseStatus::Ok));
        QCOMPARE(int(e.type), int(EditType::Other));
        QCOMPARE(int(parser.parse(view(replaced("Earth", R"(E\"a\\r\u0074h)")), e).status),
                 int(ParseStatus::Ok));
        QCOMPARE(e.title, std::string("E\"a\\rth"));
        QCOMPARE(
            int(parser.parse(view(replaced(R"("server_name":"en.wikipedia.org",)", "")), e).status),
            int(ParseStatus::Ok));
        QCOMPARE(e.serverName, std::string("en.wikipedia.org")); // from meta.domain
        const auto noDomain = replaced(R"(,"domain":"en.wikipedia.org")", "");
        QByteArray onlyWiki = noDomain;
        onlyWiki.replace(R"("server_name":"en.wikipedia.org",)", "");
        onlyWiki.replace(R"("wiki":"enwiki")", R"("wiki":"wikidatawiki")");
        QCOMPARE(int(parser.parse(view(onlyWiki), e).status), int(ParseStatus::Ok));
        QCOMPARE(e.serverName, std::string("www.wikidata.org")); // from the database name
        QCOMPARE(int(parser.parse(view(replaced(R"(,"wiki":"enwiki")", "")), e).status),
                 int(ParseStatus::Ok));
        QCOMPARE(e.wiki, std::string("enwiki"));
        QCOMPARE(int(parser.parse(view(replaced(R"("id":1,)", R"("id":3219900521,)")), e).status),
                 int(ParseStatus::Ok));
        QCOMPARE(e.rcId, std::int64_t(3219900521));
        QCOMPARE(int(parser.parse(view(replaced(R"({"old":10,"new":12})", "null")), e).status),
                 int(ParseStatus::Ok));
        QVERIFY(e.has(Flag::NoLength));
    }

    void reusesBuffersAcrossSizes()
    {
        event::EventParser parser;
        EditEvent e;
        const auto big = replaced("Earth", QByteArray(1 << 20, 'x'));
        QCOMPARE(int(parser.parse(view(big), e).status), int(ParseStatus::Ok));
        QCOMPARE(e.title.size(), std::size_t(1) << 20);
        QCOMPARE(int(parser.parse(view(kValid), e).status), int(ParseStatus::Ok));
        QCOMPARE(e.title, std::string("Earth"));
        event::EventParser small(1000);
        QCOMPARE(int(small.parse(view(big), e).reason), int(RejectReason::TooLarge));
        QCOMPARE(int(small.parse(view(kValid), e).status), int(ParseStatus::Ok));
    }
};

QTEST_GUILESS_MAIN(TestEventParser)
#include "tst_EventParser.moc"
