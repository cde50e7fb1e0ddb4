// wikitide: resolves the settings (command line > WIKITIDE_* > settings file > defaults), then
// runs headless. The dashboard window is wired here later, next to the headless branch.

#include "pipeline/HeadlessRunner.h"
#include "pipeline/Settings.h"
#include "wikitide/Version.h"

#include <QCoreApplication>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace {

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

} // namespace

int main(int argc, char** argv)
{
    using namespace wt::pipeline;
    // Resolved before the application object exists, so a GUI branch can pick QApplication.
    const SettingsResult resolved = resolveSettings(
        argumentsOf(argc, argv), QProcessEnvironment::systemEnvironment(), defaultConfigFile());
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

    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("WikiTide"));
    QCoreApplication::setApplicationName(QStringLiteral("wikitide"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(wt::kVersion));

    if (!resolved.settings.headless)
        printTo(stderr,
                QStringLiteral(
                    "wikitide: the window comes with the dashboard; running headless for now "
                    "(use --headless to silence this note)"));

    HeadlessRunner runner(resolved.settings);
    QObject::connect(&runner, &HeadlessRunner::done, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    QTimer::singleShot(0, &runner, &HeadlessRunner::start);
    return app.exec();
}
