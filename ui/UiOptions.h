#pragma once
// What the application tells the main window at construction (GUI thread). Small on purpose:
// everything the user can change at runtime lives in QSettings instead.

#include <QString>

namespace wt::ui {

struct UiOptions {
    bool noOpenGl = false; // --no-opengl: never hand charts to OpenGL, even where it would work
    QString samplePath;    // the bundled sample recording, offered when the live stream is down
    QString settingsFile;  // empty: the user's QSettings; else an INI file (tests, --config)
};

} // namespace wt::ui
