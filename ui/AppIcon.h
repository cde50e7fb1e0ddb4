#pragma once
// The program's icon for windows and the tray, built from raster sizes so it shows without the
// optional Qt SVG plugin. GUI thread.

#include <QIcon>

namespace wt::ui {

QIcon appIcon();

} // namespace wt::ui
