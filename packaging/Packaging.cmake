# Installs the desktop integration (desktop entry, AppStream metainfo, icons) and the sample
# recording, and configures CPack to build a Debian package: `cpack -G DEB` in the build tree.

set(WT_APP_ID io.github.wikitide.WikiTide)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/wikitide.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
configure_file(${CMAKE_CURRENT_LIST_DIR}/${WT_APP_ID}.metainfo.xml
               ${PROJECT_BINARY_DIR}/packaging/${WT_APP_ID}.metainfo.xml @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/packaging/${WT_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

foreach(size 16 32 48 64 128 256)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/icons/hicolor/${size}x${size}/apps/wikitide.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/wikitide.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# Sample recordings (plain or gzipped NDJSON) for `wikitide --replay` without a network.
file(GLOB WT_SAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/resources/samples/*.ndjson*)
if(NOT WT_SAMPLES)
    message(WARNING "no sample recording in resources/samples/: the package will ship none")
endif()
install(FILES ${WT_SAMPLES} DESTINATION ${CMAKE_INSTALL_DATADIR}/wikitide/samples)

set(CPACK_PACKAGE_NAME wikitide)
set(CPACK_PACKAGE_VENDOR "The WikiTide developers")
set(CPACK_PACKAGE_CONTACT "The WikiTide developers <wikitide@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "WikiTide is a native desktop live dashboard of Wikimedia's real-time edit stream\n(EventStreams recentchange): edit velocity, top wikis, pages and users, alerts,\na health panel and a Prometheus metrics endpoint. It also runs headless.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY wikitide)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# dpkg-shlibdeps (dpkg-dev) computes the exact library dependencies from the binary; without
# it, the Debian 12 runtime packages are declared by hand.
find_program(WT_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(WT_DPKG_SHLIBDEPS)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
    set(CPACK_DEBIAN_PACKAGE_DEPENDS
        "libqt6core6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6widgets6 (>= 6.4), libqt6charts6 (>= 6.4), libqt6network6 (>= 6.4), libqt6httpserver6 (>= 6.4), libqt6websockets6 (>= 6.4), librdkafka1 (>= 2.0), libsimdjson14, libsqlite3-0, zlib1g, libstdc++6, libc6")
endif()
# The Qt platform plugin for X11/Wayland is a separate package the binary does not link.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-qpa-plugins")

include(CPack)
