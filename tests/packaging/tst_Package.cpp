// Builds the .deb with CPack in the build tree, unpacks it with dpkg -x into a temporary root,
// validates the desktop entry and AppStream metainfo, checks the icons and the sample, and runs
// the INSTALLED binary headless on the INSTALLED sample.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "support/TestData.h"

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& args, const QString& workDir, int timeoutMs = 240000,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Width and height from a PNG's IHDR chunk.
QSize pngSize(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray h = f.read(24);
    if (h.size() < 24 || !h.startsWith("\x89PNG\r\n\x1a\n") || h.mid(12, 4) != "IHDR")
        return {};
    auto be32 = [&](int at) {
        return (quint32(quint8(h[at])) << 24) | (quint32(quint8(h[at + 1])) << 16) | (quint32(quint8(h[at + 2])) << 8)
            | quint32(quint8(h[at + 3]));
    };
    return QSize(int(be32(16)), int(be32(20)));
}

} // namespace

class tst_Package : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_deb;
    QString m_root;

private slots:
    void initTestCase()
    {
        for (const char* tool : {"cpack", "dpkg-deb"}) {
            if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(QLatin1String(tool))));
        }
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFile::exists(wt::test::appPath()), "build the wikitide target first");
        const QString out = m_tmp.filePath(QStringLiteral("out"));
        const Run r = run(QStringLiteral("cpack"),
                          {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), out, QStringLiteral("--config"),
                           QStringLiteral(WT_BINARY_DIR "/CPackConfig.cmake")},
                          QStringLiteral(WT_BINARY_DIR));
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        const QStringList debs = QDir(out).entryList({QStringLiteral("wikitide_*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = out + QLatin1Char('/') + debs.first();
        m_root = m_tmp.filePath(QStringLiteral("root"));
        const Run x = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, m_root}, m_tmp.path());
        QVERIFY2(x.exitCode == 0, x.err.constData());
    }

    void controlFields()
    {
        const Run r = run(QStringLiteral("dpkg-deb"),
                          {QStringLiteral("-f"), m_deb, QStringLiteral("Package"), QStringLiteral("Version"),
                           QStringLiteral("Depends"), QStringLiteral("Section")},
                          m_tmp.path());
        QCOMPARE(r.exitCode, 0);
        const QString fields = QString::fromUtf8(r.out);
        QVERIFY2(fields.contains(QStringLiteral("Package: wikitide\n")), qPrintable(fields));
        QVERIFY2(fields.contains(QStringLiteral("Version: " WT_VERSION_TEXT)), qPrintable(fields));
        QVERIFY2(fields.contains(QStringLiteral("libqt6core6")), qPrintable(fields));
        QVERIFY2(fields.contains(QStringLiteral("libc6")), qPrintable(fields));
    }

    void contents()
    {
        QVERIFY(QFileInfo(m_root + QStringLiteral("/usr/bin/wikitide")).isExecutable());
        QVERIFY(QFile::exists(m_root + QStringLiteral("/usr/share/applications/wikitide.desktop")));
        QVERIFY(QFile::exists(m_root + QStringLiteral("/usr/share/metainfo/io.github.wikitide.WikiTide.metainfo.xml")));
        QVERIFY(QFile::exists(m_root + QStringLiteral("/usr/share/icons/hicolor/scalable/apps/wikitide.svg")));
        for (int size : {16, 32, 48, 64, 128, 256}) {
            const QString png = m_root + QStringLiteral("/usr/share/icons/hicolor/%1x%1/apps/wikitide.png").arg(size);
            QCOMPARE(pngSize(png), QSize(size, size));
        }
        const QStringList samples = QDir(m_root + QStringLiteral("/usr/share/wikitide/samples"))
                                        .entryList({QStringLiteral("*.ndjson*")}, QDir::Files);
        QVERIFY2(!samples.isEmpty(), "no sample recording in the package");
        // Nothing from the build or source tree leaks into the package (e.g. absolute paths).
        const Run c = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb}, m_tmp.path());
        QVERIFY(!c.out.contains(WT_SOURCE_DIR));
        QVERIFY(!c.out.contains("/usr/local"));
    }

    void desktopEntryValidates()
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (tool.isEmpty())
            QSKIP("desktop-file-validate is not installed (desktop-file-utils)");
        const Run r = run(tool, {m_root + QStringLiteral("/usr/share/applications/wikitide.desktop")}, m_tmp.path());
        QVERIFY2(r.exitCode == 0 && r.out.trimmed().isEmpty(), (r.out + r.err).constData());
    }

    void metainfoValidates()
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        if (tool.isEmpty())
            QSKIP("appstreamcli is not installed (appstream)");
        const QString file = m_root + QStringLiteral("/usr/share/metainfo/io.github.wikitide.WikiTide.metainfo.xml");
        const Run r = run(tool, {QStringLiteral("validate"), QStringLiteral("--no-net"), file}, m_tmp.path());
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("<release version=\"" WT_VERSION_TEXT "\""));
    }

    void installedBinaryRunsHeadlessOnInstalledSample()
    {
        const QString bin = m_root + QStringLiteral("/usr/bin/wikitide");
        const QString sampleDir = m_root + QStringLiteral("/usr/share/wikitide/samples");
        const QStringList samples = QDir(sampleDir).entryList({QStringLiteral("*.ndjson*")}, QDir::Files, QDir::Name);
        QVERIFY(!samples.isEmpty());
        // Run from an empty directory so that nothing is found relative to the source tree, and
        // with its own XDG folders so that the run never touches the user's settings or history.
        QTemporaryDir cwd;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
            env.insert(QLatin1String(var), cwd.path() + QLatin1Char('/') + QLatin1String(var));
        const QString sample = sampleDir + QLatin1Char('/') + samples.first();
        const Run r = run(bin, {QStringLiteral("--headless"), QStringLiteral("--replay"), sample, QStringLiteral("--batch")},
                          cwd.path(), 120000, env);
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QList<QByteArray> json;
        for (const QByteArray& line : r.out.split('\n')) {
            if (line.trimmed().startsWith('{'))
                json << line.trimmed();
        }
        QVERIFY2(!json.isEmpty(), r.out.constData());
        QJsonParseError error;
        const QJsonObject last = QJsonDocument::fromJson(json.last(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError && !last.isEmpty(), json.last().constData());
        QCOMPARE(last.value(QStringLiteral("type")).toString(), QStringLiteral("final"));
        // Every line of the installed real recording is one event, and all of them parse.
        QFile file(sample);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const qint64 lines = file.readAll().count('\n');
        QVERIFY(lines > 100);
        QCOMPARE(qint64(last.value(QStringLiteral("parsed")).toDouble()), lines);
        QCOMPARE(qint64(last.value(QStringLiteral("rejected_total")).toDouble()), 0);
        // The sample is what a first-time user opens: its sessions are in time order, so a
        // replay shows no late events.
        QCOMPARE(last.value(QStringLiteral("kpis")).toObject().value(QStringLiteral("late")).toInt(-1), 0);
        QVERIFY2(!r.out.contains(WT_SOURCE_DIR) && !r.err.contains(WT_SOURCE_DIR), "the binary used the source tree");
    }
};

QTEST_GUILESS_MAIN(tst_Package)
#include "tst_Package.moc"
