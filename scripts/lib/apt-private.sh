# SPDX-License-Identifier: MIT
# shellcheck shell=bash
#
# A private apt state under build/ (sourced by scripts/kernels and
# scripts/sysroot): its own sources list, lists, cache and status, passed
# to apt-get with -o Dir::..., so the system's /etc/apt and package lists
# are never touched.  Its archive URIs are read at run time from the
# machine's own apt configuration (apt-get indextargets), never written
# down in the repository.

# apt_private_opts DIR ARCH: fills the array apt_opts for apt-get.
apt_private_opts() {
	local dir=$1 arch=$2
	apt_opts=(
		-o "Dir::Etc::sourcelist=$dir/etc/sources.list"
		-o "Dir::Etc::sourceparts=$dir/etc/sources.list.d"
		-o "Dir::Etc::preferences=/dev/null"
		-o "Dir::Etc::preferencesparts=$dir/etc/preferences.d"
		-o "Dir::State=$dir/state"
		-o "Dir::State::status=$dir/state/status"
		-o "Dir::Cache=$dir/cache"
		-o "APT::Architecture=$arch"
		-o "APT::Architectures::=$arch"
		-o "Acquire::Languages=none"
		-o "Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false"
		-o "Debug::NoLocking=1"
	)
	[ "$(id -u)" -eq 0 ] && apt_opts+=(-o APT::Sandbox::User=root)
	return 0
}

# apt_private_dirs DIR: the folders such a state needs (1 if it cannot be made).
apt_private_dirs() {
	mkdir -p "$1/etc/sources.list.d" "$1/etc/preferences.d" \
		"$1/state/lists/partial" "$1/cache/archives/partial" || return 1
	: >"$1/etc/sources.list"
	[ -f "$1/state/status" ] || : >"$1/state/status"
}

# system_uris: "URI SUITE" for every package index of the machine's own apt
# configuration (its archive and its security archive, and their suites).
system_uris() {
	apt-get indextargets --format '$(URI)' 2>/dev/null |
		sed -n 's#^\(.*\)/dists/\([^/]*\)/.*#\1 \2#p' | sort -u
}
