// wikitide: resolves the settings (command line > WIKITIDE_* > settings file > defaults), sets up
// logging, then runs headless (HeadlessRunner) or with the dashboard window (GuiSession). Both
// drive the same pipeline::Engine.

#include "AppIcon.h"
#include "GuiSession.h"
#include "LogFile.h"
#include "Logging.h"
#include "alert/AlertRule.h"
#include "pipeline/HeadlessRunner.h"
#include "pipeline/Settings.h"
#include "wikitide/Version.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace {

using wt::pipeline::Settings;

QStringList argumentsOf(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

void printTo(std::FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}

void nameApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("WikiTide"));
    QCoreApplication::setApplicationName(QStringLiteral("wikitide"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(wt::kVersion));
}

// Alert rules from the settings file (alerts/rules), the default rules when there are none.
QVariantList alertRules(const Settings& s)
{
    QSettings file(s.configFile, QSettings::IniFormat);
    QVariantList rules = file.value(QStringLiteral("alerts/rules")).toList();
    if (rules.isEmpty())
        rules = wt::alert::rulesToVariant(wt::alert::defaultRules());
    return rules;
}

// Headless runs take remembered keywords from the settings file when none were given.
void rememberedKeywords(Settings& s)
{
    if (!s.keywords.isEmpty() || s.explicitOptions.contains(QStringLiteral("keyword")))
        return;
    QSettings file(s.configFile, QSettings::IniFormat);
    s.keywords = file.value(QStringLiteral("keywords/patterns")).toStringList();
}

std::unique_ptr<wt::LogFile> openLog(const Settings& s)
{
    QString error;
    if (!wt::applyLogLevel(s.logLevel, &error))
        printTo(stderr, QStringLiteral("wikitide: ") + error);
    if (s.logFile == QLatin1String("none"))
        return {};
    wt::LogFile::Options options;
    options.path = s.logFile.isEmpty() ? wt::LogFile::defaultPath() : s.logFile;
    options.echo = !s.headless; // headless: stderr carries the runner's own plain lines
    auto log = std::make_unique<wt::LogFile>(options);
    if (!log->open(&error)) {
        printTo(stderr, QStringLiteral("wikitide: log file: %1").arg(error));
        return {};
    }
    log->install();
    return log;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace wt::pipeline;
    // Resolved before the application object exists, so the right one can be picked.
    SettingsResult resolved = resolveSettings(argumentsOf(argc, argv),
                                              QProcessEnvironment::systemEnvironment(),
                                              defaultConfigFile());
    switch (resolved.action) {
    case SettingsAction::ShowHelp:
    case SettingsAction::ShowVersion:
        printTo(stdout, resolved.message);
        return 0;
    case SettingsAction::Error:
        printTo(stderr, QStringLiteral("wikitide: ") + resolved.message);
        return resolved.exitCode;
    case SettingsAction::Run:
        break;
    }
    for (const QString& note : resolved.notes)
        printTo(stderr, QStringLiteral("wikitide: ") + note);
    Settings& settings = resolved.settings;
    if (!settings.headless && settings.kafkaEnabled() && settings.role == KafkaRole::Ingest) {
        printTo(stderr, QStringLiteral("wikitide: --role ingest only feeds Kafka and has no "
                                       "window; run it with --headless"));
        return 2;
    }

    if (settings.headless) {
        QCoreApplication app(argc, argv);
        nameApplication();
        const auto log = openLog(settings);
        rememberedKeywords(settings);
        HeadlessRunner runner(settings, alertRules(settings));
        QObject::connect(&runner, &HeadlessRunner::done, &app, &QCoreApplication::exit,
                         Qt::QueuedConnection);
        QTimer::singleShot(0, &runner, &HeadlessRunner::start);
        return app.exec();
    }

    QApplication app(argc, argv);
    nameApplication();
    QApplication::setWindowIcon(wt::ui::appIcon());
    const auto log = openLog(settings);
    wt::app::GuiSession session(settings, alertRules(settings), wt::app::findSampleRecording());
    QObject::connect(&session, &wt::app::GuiSession::quitRequested, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    QString error;
    if (!session.start(&error)) {
        printTo(stderr, QStringLiteral("wikitide: ") + error);
        return 1;
    }
    return app.exec();
}
