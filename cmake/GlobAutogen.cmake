# With globbed sources and Ninja, CMake 3.25's AUTOMOC step depends only on the headers its
# depfile saw last time (AUTOGEN_TARGET_DEPENDS lands as order-only), so a new Q_OBJECT header
# in an existing build tree is never moc'ed and the link fails. When the globbed list changes
# (which re-runs configure), remove the autogen stamp so the next build re-runs moc.
function(wt_autogen_tracks_sources target)
    string(JOIN "\n" listing ${ARGN})
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}_sources.txt)
    set(previous "")
    if(EXISTS ${stamp})
        file(READ ${stamp} previous)
    endif()
    if(NOT previous STREQUAL listing)
        file(WRITE ${stamp} "${listing}")
        file(REMOVE ${CMAKE_CURRENT_BINARY_DIR}/${target}_autogen/timestamp)
    endif()
endfunction()
