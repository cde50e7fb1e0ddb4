// Log redaction, the rotating log file in the XDG state location, and --log-level.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "LogFile.h"
#include "Logging.h"
#include "Redaction.h"

using namespace wt;

class tst_Logging : public QObject {
    Q_OBJECT

private slots:
    void redactUrls_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("userinfo") << "https://alice:hunter2@stream.wikimedia.org/v2/stream/recentchange"
                                  << "https://alice:***@stream.wikimedia.org/v2/stream/recentchange";
        QTest::newRow("token") << "https://example.org/api?access_token=abc123&format=json"
                               << "https://example.org/api?access_token=***&format=json";
        QTest::newRow("key") << "https://example.org/x?apikey=K&password=P&q=1"
                             << "https://example.org/x?apikey=***&password=***&q=1";
        QTest::newRow("clean") << "https://stream.wikimedia.org/v2/stream/recentchange?since=2024-01-01T00:00:00Z"
                               << "https://stream.wikimedia.org/v2/stream/recentchange?since=2024-01-01T00:00:00Z";
        QTest::newRow("kafka") << "sasl_ssl://user:s3cr3t@broker:9093" << "sasl_ssl://user:***@broker:9093";
    }

    void redactUrls()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(redactUrl(in), out);
    }

    void redactTextAndProperties()
    {
        const QString text = redactText(QStringLiteral(
            "connecting to https://bob:pw1@host/p?token=t0k then -X sasl.password=hunter2 "
            "ssl.key.password: \"x y\" Authorization: Bearer abc.def-ghi client_secret=zz topic=wikitide"));
        QVERIFY2(!text.contains(QLatin1String("pw1")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("t0k")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("hunter2")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("x y")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("abc.def-ghi")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("zz")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("topic=wikitide")), qPrintable(text)); // harmless pairs stay
        QVERIFY2(text.contains(QLatin1String("https://bob:***@host/p?token=***")), qPrintable(text));

        QCOMPARE(redactProperty(QStringLiteral("sasl.password"), QStringLiteral("pw")), QStringLiteral("***"));
        QCOMPARE(redactProperty(QStringLiteral("ssl.key.password"), QStringLiteral("pw")), QStringLiteral("***"));
        QCOMPARE(redactProperty(QStringLiteral("oauth.client.secret"), QStringLiteral("s")), QStringLiteral("***"));
        QCOMPARE(redactProperty(QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:9092")),
                 QStringLiteral("127.0.0.1:9092"));
        QCOMPARE(redactProperty(QStringLiteral("author"), QStringLiteral("x")), QStringLiteral("x"));
    }

    void defaultPathFollowsXdg()
    {
        QTemporaryDir dir;
        qputenv("XDG_STATE_HOME", dir.path().toUtf8());
        QCOMPARE(LogFile::defaultPath(), dir.path() + QStringLiteral("/wikitide/wikitide.log"));
        qputenv("XDG_STATE_HOME", "relative/not/allowed");
        QCOMPARE(LogFile::defaultPath(), QDir::homePath() + QStringLiteral("/.local/state/wikitide/wikitide.log"));
        qunsetenv("XDG_STATE_HOME");
    }

    void rotatesAndRedacts()
    {
        QTemporaryDir dir;
        qputenv("XDG_STATE_HOME", dir.path().toUtf8());
        LogFile::Options o;
        o.maxBytes = 8192;
        o.keep = 3;
        o.echo = false;
        LogFile log(o);
        QString error;
        QVERIFY2(log.open(&error), qPrintable(error));
        QCOMPARE(log.path(), dir.path() + QStringLiteral("/wikitide/wikitide.log"));
        log.install();
        for (int i = 0; i < 400; ++i)
            qCInfo(lcStore).noquote() << "line" << i << "to https://u:secretpw@example.org/?token=abc" << QString(40, QLatin1Char('x'));
        qCDebug(lcStore) << "debug is off by default";
        log.uninstall();
        QVERIFY(log.rotations() >= 3);
        const QString base = log.path();
        QVERIFY(QFile::exists(base));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(QFile::exists(base + QStringLiteral(".%1").arg(i)));
        QVERIFY(!QFile::exists(base + QStringLiteral(".4")));
        QByteArray all;
        for (const QString& f : {base + QStringLiteral(".3"), base + QStringLiteral(".2"), base + QStringLiteral(".1"), base}) {
            QFile file(f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.size() <= o.maxBytes);
            all += file.readAll();
        }
        QVERIFY(all.contains("I wikitide.store: line 399 to https://u:***@example.org/?token=***"));
        QVERIFY(!all.contains("secretpw"));
        QVERIFY(!all.contains("token=abc"));
        QVERIFY(!all.contains("debug is off"));
        qunsetenv("XDG_STATE_HOME");
    }

    void logLevel()
    {
        QVERIFY(applyLogLevel(QStringLiteral("debug")));
        QVERIFY(lcSse().isDebugEnabled());
        QVERIFY(lcApp().isDebugEnabled());
        QVERIFY(applyLogLevel(QStringLiteral("warning")));
        QVERIFY(!lcParse().isInfoEnabled());
        QVERIFY(lcParse().isWarningEnabled());
        QVERIFY(applyLogLevel(QStringLiteral("error")));
        QVERIFY(!lcAlert().isWarningEnabled());
        QVERIFY(lcAlert().isCriticalEnabled());
        QVERIFY(applyLogLevel(QStringLiteral("INFO")));
        QVERIFY(lcStore().isInfoEnabled());
        QVERIFY(!lcStore().isDebugEnabled());
        QString error;
        QVERIFY(!applyLogLevel(QStringLiteral("loud"), &error));
        QVERIFY(error.contains(QStringLiteral("loud")));
        QCOMPARE(QString::fromLatin1(lcSse().categoryName()), QStringLiteral("wikitide.ingest.sse"));
    }
};

QTEST_GUILESS_MAIN(tst_Logging)
#include "tst_Logging.moc"
