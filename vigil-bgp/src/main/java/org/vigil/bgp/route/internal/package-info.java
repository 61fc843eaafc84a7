// SPDX-License-Identifier: Apache-2.0
/** Primitive collections behind the route table; not API. */
package org.vigil.bgp.route.internal;
