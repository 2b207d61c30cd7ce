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
  for (const point of points) {
    const marker = L.circleMarker([point.lat, point.lng], {
      radius: 9,
      color: '#0b0c0c',
      weight: 2,
      fillColor: '#0b5c52',
      fillOpacity: 0.9,
    }).addTo(map);
    const link = document.createElement('a');
    link.href = point.href;
    link.textContent = point.name;
    link.className = 'govuk-link';
    marker.bindPopup(link);
    bounds.extend([point.lat, point.lng]);
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  else map.setView([54.5, -2.5], 6);
}
