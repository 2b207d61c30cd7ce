// The search results on a map: an enhancement over the list, which has everything the
// map shows. Tiles come from the deployment's MAP_TILE_URL; without one the markers
// are drawn on a plain background, and no request leaves Kith.
import L from 'leaflet';

interface MapPoint {
  id: string;
  name: string;
  lat: number;
  lng: number;
  href: string;
}

const element = document.getElementById('kith-map');
if (element) {
  const points = JSON.parse(element.dataset.points ?? '[]') as MapPoint[];
  const centre = element.dataset.centre ? (JSON.parse(element.dataset.centre) as [number, number]) : undefined;
  element.hidden = false;
  document.getElementById('kith-map-nojs')?.setAttribute('hidden', '');
  const map = L.map(element, {
    scrollWheelZoom: false,
    zoomControl: false,
    attributionControl: !!element.dataset.tiles,
  });
  // The zoom buttons are named in the page's language, not Leaflet's English.
  L.control
    .zoom({ zoomInTitle: element.dataset.zoomIn ?? 'Zoom in', zoomOutTitle: element.dataset.zoomOut ?? 'Zoom out' })
    .addTo(map);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution ?? '' }).addTo(map);
  }
  const bounds = L.latLngBounds([]);
  // Where the search is from: drawn first and never in the way of a result's marker.
  if (centre) {
    L.circleMarker(centre, { radius: 6, color: '#d4351c', weight: 3, fillOpacity: 0, interactive: false }).addTo(map);
    bounds.extend(centre);
  }
  for (const point of points) bounds.extend([point.lat, point.lng]);
  // Results closer on screen than a marker's width share one marker, so no marker sits on
  // or beside another (each stays a 26px target with room around it); its popup lists
  // every result there. Redrawn at each zoom, as what is close changes.
  const markers = L.layerGroup().addTo(map);
  const SPACING_PX = 32;
  const draw = () => {
    markers.clearLayers();
    const groups: Array<{ at: L.Point; first: MapPoint; here: MapPoint[] }> = [];
    for (const point of points) {
      const at = map.latLngToLayerPoint([point.lat, point.lng]);
      const near = groups.find((g) => g.at.distanceTo(at) < SPACING_PX);
      if (near) near.here.push(point);
      else groups.push({ at, first: point, here: [point] });
    }
    for (const { first, here } of groups) markers.addLayer(markerFor(first, here));
  };
  map.on('zoomend', draw);
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  else map.setView([54.5, -2.5], 6);
  draw();
}

/** A marker is a button in the tab order, named by what is there: Enter opens its list. */
function markerFor(at: MapPoint, here: readonly MapPoint[]): L.Marker {
  const name = document.createElement('span');
  name.className = 'govuk-visually-hidden';
  name.textContent = here.map((p) => p.name).join(', ');
  const icon = L.divIcon({
    className: 'kith-map__marker',
    html: name.outerHTML + (here.length > 1 ? `<span aria-hidden="true">${here.length}</span>` : ''),
    iconSize: [26, 26],
  });
  const marker = L.marker([at.lat, at.lng], { icon, keyboard: true, riseOnHover: true });
  const list = document.createElement('ul');
  list.className = 'govuk-list';
  for (const point of here) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = point.href;
    link.textContent = point.name;
    link.className = 'govuk-link';
    item.append(link);
    list.append(item);
  }
  return marker.bindPopup(list);
}
