// The real wikitide binary with its window, offscreen: a sample replay, a screenshot through
// --screenshot/--quit-after, a clean exit, and the history written to the database it was given.
// Settings, data and logs live in a temporary home.

#include "support/TestData.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace wt;

class TestGuiApp : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        env.insert("XDG_DATA_HOME", m_home.filePath("data"));
        env.insert("XDG_STATE_HOME", m_home.filePath("state"));
        return env;
    }

private slots:
    void replayScreenshotAndQuit()
    {
        QString dir = qEnvironmentVariable("WT_SCREENSHOT_DIR");
        if (dir.isEmpty())
            dir = m_home.filePath("screenshots");
        QVERIFY(QDir().mkpath(dir));
        const QString png = QDir(dir).filePath("app.png");
        QFile::remove(png);
        const QString db = m_home.filePath("gui.sqlite");
        const QString ini = m_home.filePath("gui.ini");
        QFile iniFile(ini);
        QVERIFY(iniFile.open(QIODevice::WriteOnly)); // an empty settings file of its own
        iniFile.close();

        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(test::appPath(),
                {"--replay", QStringLiteral(WT_SOURCE_DIR "/resources/samples/recentchange-sample.ndjson"),
                 "--speed", "1000", "--screenshot", png, "--quit-after", "3", "--db", db,
                 "--config", ini, "--lookback", "30m"});
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains("screenshot saved"), qPrintable(err));

        QVERIFY(QFileInfo(png).size() > 10000);
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 640 && image.height() >= 480);
        // Not a blank grab: many distinct colours (charts, text, the scatter).
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));

        // The database given on the command line was created; the user's location untouched.
        QVERIFY(QFileInfo::exists(db));
        QVERIFY(!QFileInfo::exists(m_home.filePath("data/WikiTide/wikitide/wikitide.sqlite")));
        // --lookback on the command line wins over the window's memory, and is remembered.
        QSettings remembered(ini, QSettings::IniFormat);
        QCOMPARE(remembered.value("view/lookbackMs").toLongLong(), 30LL * 60 * 1000);
    }

    void ingestRoleRefusesTheWindow()
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(test::appPath(), {"--kafka", "embedded", "--role", "ingest"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("--headless"));
    }
};

QTEST_GUILESS_MAIN(TestGuiApp)
#include "tst_GuiApp.moc"
