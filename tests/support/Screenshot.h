#pragma once
// Saves a real grab of a widget into $WT_SCREENSHOT_DIR (set by CTest) for people to look at.

#include <QDir>
#include <QPixmap>
#include <QString>
#include <QWidget>

namespace wt::test {

// Returns the file written, or an empty string when the directory is not set or not writable.
inline QString saveScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("WT_SCREENSHOT_DIR");
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return {};
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    return widget->grab().save(path) ? path : QString();
}

} // namespace wt::test
