#include "pipeline/OptionTable.h"
#include "pipeline/Settings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wt::pipeline;

// Resolves options through all four layers with a real environment object and a real ini file.
class TestSettings : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeIni(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }

    static SettingsResult resolve(QStringList args, const QProcessEnvironment& env = {},
                                  const QString& defaultIni = {})
    {
        args.prepend(QStringLiteral("wikitide"));
        return resolveSettings(args, env, defaultIni);
    }

private slots:
    void defaults()
    {
        const auto r = resolve({});
        QCOMPARE(int(r.action), int(SettingsAction::Run));
        const Settings& s = r.settings;
        QCOMPARE(s.headless, false);
        QCOMPARE(s.streamUrl,
                 QStringLiteral("https://stream.wikimedia.org/v2/stream/recentchange"));
        QVERIFY(!s.since.isValid());
        QVERIFY(s.replayFile.isEmpty());
        QCOMPARE(s.speed, 1.0);
        QCOMPARE(s.batch, false);
        QVERIFY(s.recordFile.isEmpty());
        QCOMPARE(s.reportEverySeconds, 5.0);
        QCOMPARE(s.maxEventBytes, qint64(4194304));
    }

    void commandLineValues()
    {
        const auto r =
            resolve({"--headless", "--stream-url", "http://127.0.0.1:8080/s", "--since",
                     "2026-01-31T12:00:00+01:00", "--replay", "x.ndjson", "--speed", "20",
                     "--batch", "--report-every", "0.5", "--max-event-bytes", "10000"});
        QCOMPARE(int(r.action), int(SettingsAction::Run));
        const Settings& s = r.settings;
        QVERIFY(s.headless);
        QCOMPARE(s.streamUrl, QStringLiteral("http://127.0.0.1:8080/s"));
        QCOMPARE(s.since, QDateTime::fromString("2026-01-31T11:00:00Z", Qt::ISODate));
        QCOMPARE(s.since.timeSpec(), Qt::UTC);
        QCOMPARE(s.replayFile, QStringLiteral("x.ndjson"));
        QCOMPARE(s.speed, 20.0);
        QVERIFY(s.batch);
        QCOMPARE(s.reportEverySeconds, 0.5);
        QCOMPARE(s.maxEventBytes, qint64(10000));
    }

    void precedence()
    {
        // The same options in all three layers: the command line wins, then the environment.
        const QString ini =
            writeIni("prec.ini", "speed=3\nreport-every=7\nmax-event-bytes=5000\nheadless=true\n"
                                 "stream-url=https://file.example/s\n");
        QProcessEnvironment env;
        env.insert("WIKITIDE_SPEED", "2");
        env.insert("WIKITIDE_REPORT_EVERY", "6");
        const auto r = resolve({"--speed", "1.5", "--config", ini}, env);
        QCOMPARE(int(r.action), int(SettingsAction::Run));
        QCOMPARE(r.settings.speed, 1.5);                  // command line
        QCOMPARE(r.settings.reportEverySeconds, 6.0);     // environment
        QCOMPARE(r.settings.maxEventBytes, qint64(5000)); // file
        QVERIFY(r.settings.headless);                     // file, boolean spelling
        QCOMPARE(r.settings.streamUrl, QStringLiteral("https://file.example/s"));
        QCOMPARE(r.settings.configFile, ini);
    }

    void defaultConfigFileIsRead()
    {
        const QString ini = writeIni("default.ini", "report-every=9\n");
        QCOMPARE(resolve({}, {}, ini).settings.reportEverySeconds, 9.0);
        // A missing default file is fine; a missing named one is an error.
        QCOMPARE(int(resolve({}, {}, m_dir.filePath("nope.ini")).action), int(SettingsAction::Run));
        const auto r = resolve({"--config", m_dir.filePath("nope.ini")});
        QCOMPARE(int(r.action), int(SettingsAction::Error));
        QVERIFY(r.message.contains("nope.ini"));
    }

    void configFromEnvironment()
    {
        const QString ini = writeIni("env.ini", "speed=42\n");
        QProcessEnvironment env;
        env.insert("WIKITIDE_CONFIG", ini);
        QCOMPARE(resolve({}, env).settings.speed, 42.0);
    }

    void environmentFlags()
    {
        QProcessEnvironment env;
        env.insert("WIKITIDE_HEADLESS", "1");
        env.insert("WIKITIDE_BATCH", "off");
        env.insert("WIKITIDE_STREAM_URL", "http://localhost:9/x");
        const auto r = resolve({}, env);
        QVERIFY(r.settings.headless);
        QVERIFY(!r.settings.batch);
        QCOMPARE(r.settings.streamUrl, QStringLiteral("http://localhost:9/x"));

        env.insert("WIKITIDE_HEADLESS", "maybe");
        const auto bad = resolve({}, env);
        QCOMPARE(int(bad.action), int(SettingsAction::Error));
        QVERIFY(bad.message.contains("WIKITIDE_HEADLESS"));
    }

    void badValues_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("http elsewhere")
            << QStringList{"--stream-url", "http://example.org/s"} << "example.org";
        QTest::newRow("ftp") << QStringList{"--stream-url", "ftp://127.0.0.1/s"} << "scheme";
        QTest::newRow("not a url") << QStringList{"--stream-url", "::"} << "URL";
        QTest::newRow("speed low") << QStringList{"--speed", "0.05"} << "0.1 to 1000";
        QTest::newRow("speed high") << QStringList{"--speed", "1001"} << "0.1 to 1000";
        QTest::newRow("speed text") << QStringList{"--speed", "fast"} << "--speed";
        QTest::newRow("since") << QStringList{"--since", "yesterday"} << "ISO 8601";
        QTest::newRow("report") << QStringList{"--report-every", "0"} << "--report-every";
        QTest::newRow("max bytes")
            << QStringList{"--max-event-bytes", "12x"} << "--max-event-bytes";
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
        QTest::newRow("missing value") << QStringList{"--replay"} << "replay";
        QTest::newRow("positional") << QStringList{"extra"} << "extra";
    }
    void badValues()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto r = resolve(args);
        QCOMPARE(int(r.action), int(SettingsAction::Error));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.message.contains(expected), qPrintable(r.message));
    }

    void allowedUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << "https://stream.wikimedia.org/v2/stream/recentchange" << true;
        QTest::newRow("http v4 loopback") << "http://127.0.0.1:1/" << true;
        QTest::newRow("http localhost") << "http://LOCALHOST/x" << true;
        QTest::newRow("http v6 loopback") << "http://[::1]:8000/x" << true;
        QTest::newRow("http other") << "http://stream.wikimedia.org/" << false;
        QTest::newRow("http 127.0.0.2") << "http://127.0.0.2/" << false;
    }
    void allowedUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QString why;
        QCOMPARE(isAllowedStreamUrl(url, &why), allowed);
        QCOMPARE(why.isEmpty(), allowed);
    }

    void helpListsEveryOptionWithDefault()
    {
        const auto r = resolve({"--help"});
        QCOMPARE(int(r.action), int(SettingsAction::ShowHelp));
        for (const char* option :
             {"--headless", "--stream-url", "--since", "--replay", "--speed", "--batch", "--record",
              "--report-every", "--max-event-bytes", "--config", "--version", "--help"})
            QVERIFY2(r.message.contains(QLatin1String(option)), option);
        // Qt wraps long descriptions: compare with the whitespace folded.
        const QString flat = r.message.simplified();
        // One default per option (the table in OptionTable.cpp), none for --help and --version.
        QCOMPARE(flat.count(QStringLiteral("(default: ")), int(optionSpecs().size()));
        QVERIFY(flat.contains("(default: 4194304)"));
        QVERIFY(flat.contains("(default: 5)"));
        QVERIFY2(flat.contains("(default: https://stream.wikimedia.org/v2/stream/recentchange"),
                 qPrintable(r.message));
        QVERIFY(r.message.startsWith("Usage: wikitide [options]"));
    }

    void version()
    {
        const auto r = resolve({"--version"});
        QCOMPARE(int(r.action), int(SettingsAction::ShowVersion));
        QVERIFY(r.message.startsWith("wikitide "));
    }

    void recordIgnoredWhenReplaying()
    {
        const auto r = resolve({"--replay", "a.ndjson", "--record", "b.ndjson"});
        QCOMPARE(int(r.action), int(SettingsAction::Run));
        QVERIFY(r.settings.recordFile.isEmpty());
        QCOMPARE(r.notes.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_Settings.moc"
